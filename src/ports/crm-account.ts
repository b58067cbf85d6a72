export interface CrmAccountDetails {
  /** the id of the HubSpot account (portal, "Hub ID") the access token belongs to */
  readonly portalId: string;
  /** where the account's HubSpot app lives: app.hubspot.com, or app-eu1.hubspot.com for the EU data center */
  readonly uiDomain: string;
}

export interface CrmAccount {
  /** The HubSpot account the access token belongs to; null when there is no HubSpot (sandbox mode). */
  details(): Promise<CrmAccountDetails | null>;
}
