import { createContext, useContext } from 'react';
import type { RefundsApi } from './refunds-api';

/** What every page of the app needs; route components take no props, so they read it from here. */
export interface PagesServices {
  readonly api: RefundsApi;
  /** for links to records */
  readonly portalId: number;
  /** the account's HubSpot app host, for links to records */
  readonly uiDomain: string;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
  /** where rolling periods ("last 30 days") end */
  readonly now: () => Date;
}

export const PagesServicesContext = createContext<PagesServices | null>(null);

export function usePagesServices(): PagesServices {
  const services = useContext(PagesServicesContext);
  if (!services) throw new Error('usePagesServices outside <RefundPages>');
  return services;
}
