import { Button, Input, LoadingButton, Modal, Select, StatisticsItem, TextArea, ToggleGroup } from '@hubspot/ui-extensions';
import { createRenderer, type RenderedElementNode } from '@hubspot/ui-extensions/testing';
import type { RefundReason } from '../../extensions/shared/api-schemas';
import { type CardConfigResult, readCardConfig } from '../../extensions/refund-card/card-config';
import { RefundCard } from '../../extensions/refund-card/refund-card';

export const BACKEND_URL = 'https://refunds.example.com';
export const FETCH_CONFIG = readCardConfig({ transport: 'fetch', backendUrl: BACKEND_URL, functionName: 'refund_api' });
export const SERVERLESS_CONFIG = readCardConfig({ transport: 'serverless', functionName: 'refund_api' });

interface CardOptions {
  readonly config?: CardConfigResult;
  readonly objectTypeId?: string;
  readonly objectId?: number;
  readonly locale?: string;
  /** the HubSpot user looking at the card */
  readonly userId?: number;
}

/**
 * The card in HubSpot's own test renderer, on deal 1001 for an en-US user, plus the steps a rep takes.
 * trigger() is typed to take the handler itself as its argument; at run time it passes the value on, so
 * value-carrying events go through `send`.
 */
export function renderCard({ config = FETCH_CONFIG, objectTypeId = '0-3', objectId = 1001, locale = 'en-US', userId = 2 }: CardOptions = {}) {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.context.crm.objectTypeId = objectTypeId;
  renderer.mocks.context.crm.objectId = objectId;
  renderer.mocks.context.user.locale = locale;
  renderer.mocks.context.user.id = userId;
  renderer.render(<RefundCard config={config} />);
  const { findByTestId, waitFor } = renderer;
  const click = (testId: string) => findByTestId(Button, testId).trigger('onClick');
  return {
    ...renderer,
    click,
    ready: () => waitFor(() => findByTestId(StatisticsItem, 'summary-paid')),
    openRefund: () => {
      click('refund-open');
      findByTestId(Modal, 'refund-modal').trigger('onOpen');
    },
    openVoid: () => {
      click('void-open');
      findByTestId(Modal, 'void-modal').trigger('onOpen');
    },
    closeModal: (testId: 'refund-modal' | 'void-modal') => findByTestId(Modal, testId).trigger('onClose'),
    choosePartial: () => send(findByTestId(ToggleGroup, 'refund-mode'), 'onChange', 'partial'),
    typeAmount: (amount: string) => send(findByTestId(Input, 'refund-amount'), 'onInput', amount),
    chooseReason: (prefix: 'refund' | 'void', reason: RefundReason) => send(findByTestId(Select, `${prefix}-reason`), 'onChange', reason),
    typeNote: (prefix: 'refund' | 'void', note: string) => send(findByTestId(TextArea, `${prefix}-note`), 'onChange', note),
    review: (prefix: 'refund' | 'void') => click(`${prefix}-review`),
    submit: (prefix: 'refund' | 'void') => findByTestId(LoadingButton, `${prefix}-submit`).trigger('onClick'),
  };
}

export type CardUnderTest = ReturnType<typeof renderCard>;

function send(node: { trigger: RenderedElementNode['trigger'] }, event: string, value: unknown): void {
  (node.trigger as (eventPropName: string, eventArg: unknown) => void)(event, value);
}

/**
 * The card refreshes the record again 2 s after a refund; a test ends sooner, and the renderer never
 * unmounts, so that timer would keep jest waiting. Fake timers that still follow the real clock
 * (waitFor's timeout keeps working) are dropped with everything pending when the test switches back.
 */
export function useCardClock(): void {
  jest.useFakeTimers({ advanceTimers: true, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
}
