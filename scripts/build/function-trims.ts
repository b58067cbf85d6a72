import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/** Optional modules that stay uninstalled and are only required inside a try: they must keep failing the same way. */
const ABSENT = ['pg-native', 'encoding'];

/** The Stripe resources the app calls (src/adapters/providers/stripe: charges, paymentIntents, refunds). */
export const STRIPE_RESOURCES_USED = ['Charges.js', 'PaymentIntents.js', 'Refunds.js'];

// stripe 23's generated resource modules: one class of API methods each, e.g. `export class RefundResource extends
// StripeResource { list(…) {…} create(…) {…} }`, all of them constructed by the client (stripe.core.js).
const STRIPE_RESOURCE_FILE = /[\\/]node_modules[\\/]stripe[\\/]esm[\\/]resources[\\/].+\.js$/;
const ONE_RESOURCE_CLASS = /^(import \{ StripeResource \} from '(?:\.\.\/)+StripeResource\.js';)\s*export class (\w+) extends StripeResource \{[\s\S]*\}\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/;

/**
 * What the app function bundle leaves out or replaces, each because the function never runs it; the size and load
 * time it saves is what lets HubSpot start the function fast (test/project/build.test.ts checks both ways).
 */
export function functionTrims(): Plugin {
  return {
    name: 'hubspot-function-trims',
    setup(builder) {
      builder.onResolve({ filter: new RegExp(`^(${ABSENT.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'absent' }));
      builder.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
        contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find module '${args.path}'`)}), { code: 'MODULE_NOT_FOUND' });`,
        loader: 'js',
      }));

      // node-fetch 2.7.0 (the HubSpot SDK's HTTP client) takes `Url.URL || whatwgUrl.URL` (lib/index.js): Node's own
      // URL whenever it exists, so whatwg-url and its 260 KB Unicode table (tr46) are never used on Node 20.
      builder.onResolve({ filter: /^whatwg-url$/ }, (args) => ({ path: args.path, namespace: 'node-url' }));
      builder.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({ contents: "module.exports = { URL: require('node:url').URL };", loader: 'js' }));

      // The Stripe client constructs each of its ~150 resources; the function calls three. The others keep their
      // class, so the client is built as before, without their methods (most of the SDK's size and load time).
      builder.onLoad({ filter: STRIPE_RESOURCE_FILE }, (args) => {
        if (STRIPE_RESOURCES_USED.some((name) => args.path.endsWith(`${path.sep}resources${path.sep}${name}`))) return undefined;
        const source = readFileSync(args.path, 'utf8').replace(/^\/\/.*\n/, '');
        const only = ONE_RESOURCE_CLASS.exec(source);
        return only ? { contents: `${only[1]}\nexport class ${only[2]} extends StripeResource {}\n`, loader: 'js' } : undefined;
      });

      // pg 8.23 checks for Cloudflare Workers when it loads (lib/stream.js isCloudflareRuntime): without a global
      // `navigator` (Node 20 has none) it constructs a Response, which loads Node's whole fetch implementation
      // (undici) for nothing. The function runs on Node only, so that module sees a navigator that says so.
      builder.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, (args) => ({
        contents: `var navigator = { userAgent: 'Node.js' };\n${readFileSync(args.path, 'utf8')}`,
        loader: 'js',
      }));
    },
  };
}
