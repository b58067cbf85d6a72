import { hubspot } from '@hubspot/ui-extensions';
import { RefundPages } from './refund-pages';

hubspot.extend<'pages'>(() => <RefundPages />);
