import { hubspot } from '@hubspot/ui-extensions';
import { RefundSettings } from './refund-settings';

hubspot.extend<'settings'>(() => <RefundSettings />);
