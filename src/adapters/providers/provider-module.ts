import type * as z from 'zod';
import type { PaymentProviderName } from '../../domain/refund-reason';
import type { Clock } from '../../ports/clock';
import type { PaymentProvider } from '../../ports/payment-provider';
import type { WebhookReceiver } from '../../ports/provider-webhooks';

/** One environment variable of a provider: how it is checked, whether it is a credential, and who reads it. */
export interface ProviderVariable {
  readonly schema: z.ZodType;
  /** a credential: kept out of every log line and recorded failure, in every encoding */
  readonly secret: boolean;
  /** `api`: the adapter needs it wherever refunds run (the server, the CLI, the app function); `webhooks`: only the server */
  readonly use: 'api' | 'webhooks';
}

/** What an adapter is built with besides its settings. */
export interface ProviderContext {
  readonly clock: Clock;
}

/**
 * A payment provider, whole (design §2): its name and labels, its configuration, its adapter, and the hooks the rest
 * of the app derives from it. Registered once, in provider-modules.ts.
 */
export interface ProviderModule<Name extends PaymentProviderName = PaymentProviderName, Settings = unknown> {
  readonly name: Name;
  /** how people name it: "Stripe" */
  readonly label: string;
  /** where a refund made outside the app was made: "the Stripe Dashboard"; null when there is no such place */
  readonly dashboard: string | null;
  /** its environment variables by name, each checked on its own so that every problem is reported, the variable named */
  readonly variables: Readonly<Record<string, ProviderVariable>>;
  /** the variable that switches it on, named in the start banner; null: always on */
  readonly switchedOnBy: string | null;
  /**
   * The checked variables → its settings; null when it is not configured. A problem across variables (a credential
   * without its pair) is pushed, naming the variables.
   */
  settings(values: Readonly<Record<string, unknown>>, problems: string[]): Settings | null;
  /** the adapter, its outcomes redacted of the module's secrets */
  create(settings: Settings, context: ProviderContext): PaymentProvider;
  /** its webhooks (design §7), or null for a provider that sends none */
  readonly webhooks: ProviderWebhooks<Settings> | null;
  /** sandbox mode's stand-in when it is not configured; null: none is needed (it sends nothing anywhere) */
  readonly simulation: { readonly voids: boolean } | null;
}

/** A module's settings type. */
export type SettingsOf<M> = M extends ProviderModule<PaymentProviderName, infer S> ? S : never;

/** Declares a module with its settings type inferred. */
export function providerModule<Name extends PaymentProviderName, Settings>(module: ProviderModule<Name, Settings>): ProviderModule<Name, Settings> {
  return module;
}

/** How a provider's webhooks are served and set up. */
export interface ProviderWebhooks<Settings> {
  /** POST /webhooks/{path} */
  readonly path: string;
  /** the event types to subscribe to, as the provider names them */
  readonly events: readonly string[];
  /** the variables that set them up */
  readonly setUpWith: string;
  /** the receiver when its signing secret is configured, else null */
  receiver(settings: Settings, context: ProviderContext): WebhookReceiver | null;
}
