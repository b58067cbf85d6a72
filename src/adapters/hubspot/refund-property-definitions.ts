// One source of truth: the definitions live with the setup use case (src/application), which depends only on
// the domain and the ports; the HubSpot adapter re-exports them for its own callers and tests.
export { REFUND_PROPERTIES, REFUND_PROPERTY_GROUP } from '../../application/refund-property-definitions';
