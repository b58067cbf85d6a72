export interface CrmAccount {
  /** The id of the HubSpot account (portal, "Hub ID") the access token belongs to; null when there is no HubSpot (sandbox mode). */
  portalId(): Promise<string | null>;
}
