/**
 * How every channel between Trackstop's contexts is typed. A channel is an interface with one method per message
 * type, named for its receiver (`ShimApi` is what the shim receives). On the wire a message is `{type, data}`; the
 * receiver has one `Handlers<Api>` object, so a type without a handler is a compile error, and one validator per
 * channel, so a message that reaches `handle` has a known type and checked data.
 * Pure and free of built-ins: the shim uses it too, in the page's world.
 */

export type Arg<F> = F extends (data: infer D) => unknown ? D : never;
export type Ret<F> = F extends (...args: never[]) => infer R ? R : never;

/** The messages a channel carries: one `{type, data}` shape per method of `Api`. */
export type Message<Api> = { [K in keyof Api]: { type: K; data: Arg<Api[K]> } }[keyof Api];

/** The data of message `K` of `Api`. */
export type DataOf<Api, K extends keyof Api> = Arg<Api[K]>;

/** A receiver's handlers: one per message type, given the message's data and what the receiver knows of its sender. */
export type Handlers<Api, Context = undefined> = {
  [K in keyof Api]: (data: Arg<Api[K]>, context: Context) => Ret<Api[K]> | Promise<Awaited<Ret<Api[K]>>>;
};

/** Runs the handler of a validated message and returns what it returns. */
export function handle<Api, Context>(
  handlers: Handlers<Api, Context>, message: Message<Api>, context: Context,
): unknown {
  // TypeScript cannot relate a message's type to its data across the union; the validator did.
  const handler = handlers[message.type] as (data: unknown, context: Context) => unknown;
  return handler(message.data, context);
}
