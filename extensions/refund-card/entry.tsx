import { hubspot } from '@hubspot/ui-extensions';
import { RefundCard } from './refund-card';

hubspot.extend<'crm.record.tab'>(() => <RefundCard />);
