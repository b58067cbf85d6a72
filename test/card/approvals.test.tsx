import { Alert, Button, LoadingButton, Modal, TableCell, Tag, Text, TextArea } from '@hubspot/ui-extensions';
import type { RenderedElementNode } from '@hubspot/ui-extensions/testing';
import { renderCard, useCardClock } from './card-driver';
import { apiError, attemptResult, attemptView, awaitingAttempt, transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

beforeEach(useCardClock);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const LIMITED = { approvalAbove: '500.00', approvalBy: 'a super admin or a member of team 9', dailyRemaining: '800.00' };
const waiting = awaitingAttempt();

function send(node: { trigger: RenderedElementNode['trigger'] }, event: string, value: unknown): void {
  (node.trigger as (eventPropName: string, eventArg: unknown) => void)(event, value);
}

describe('approvals on the card (design §5)', () => {
  test('says before sending that the amount needs approval, and by whom', async () => {
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails({ viewer: LIMITED }) }],
      refunds: [{ status: 202, body: attemptResult({ ...waiting, id: 'att_new' }, { refundStatus: 'refund_awaiting_approval' }) }],
    });
    const card = renderCard();
    await card.ready();
    card.openRefund();
    card.choosePartial();
    card.typeAmount('400');
    expect(card.maybeFindByTestId(Text, 'refund-needs-approval')).toBeNull();
    card.typeAmount('600');
    expect(card.findByTestId(Text, 'refund-needs-approval').text).toBe(
      'This needs approval by a super admin or a member of team 9 before anything is sent: until then the amount is only held.',
    );
    card.chooseReason('refund', 'requested_by_customer');
    card.review('refund');
    expect(card.findByTestId(Text, 'refund-confirm-1').text).toMatch(/^This needs approval by a super admin/);
    expect(card.findByTestId(LoadingButton, 'refund-submit').text).toBe('Ask for approval of $600.00');
    card.submit('refund');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'outcome').props.title).toBe('Refund of $600.00 is awaiting approval'));
    expect(card.findByTestId(Text, 'outcome-message').text).toMatch(/^Nothing was sent yet\. Above the limit of USD 500\.00 per refund\. An approver decides before Mar 8, 2025/);
    expect(backend.posted('refunds')[0]).toMatchObject({ amount: '600.00' });
  });

  test('shows the viewer\'s threshold and what is left today next to the figures', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: LIMITED }) }] });
    const card = renderCard();
    await card.ready();
    expect(card.findByTestId(Text, 'summary-limit').text).toBe('up to $500.00');
    expect(card.findByTestId(Text, 'summary-daily').text).toBe('$800.00');
  });

  test('lets the requester cancel their own request, and shows no approve button to them', async () => {
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails({ viewer: { ...LIMITED, canApprove: true }, attempts: [waiting] }) }],
      cancel: [{ status: 200, body: attemptResult({ ...waiting, status: 'canceled', approval: { decidedBy: waiting.requestedBy!, decidedAt: '2025-03-06T10:00:00.000Z', note: null } }) }],
    });
    const card = renderCard({ userId: 2 });
    await card.ready();
    // ICU versions differ in the space before AM/PM: compare spaces as spaces
    expect(card.findByTestId(Text, 'pending-att_wait').text?.replace(/\s/g, ' ')).toBe(
      'Rita Rep asks for a refund of $600.00 (Requested by the customer: Goodwill). Above the limit of USD 500.00 per refund. Expires Mar 8, 2025, 10:30 AM.',
    );
    expect(card.maybeFindByTestId(Button, 'approve-open-att_wait')).toBeNull();
    card.click('cancel-open-att_wait');
    card.findByTestId(LoadingButton, 'decide-cancel-submit').trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'outcome').props.title).toBe('Refund request canceled'));
    expect(backend.urls('cancel')).toEqual(['https://refunds.example.com/api/attempts/att_wait/cancel']);
  });

  test('lets an approver approve with a note, and shows who decided', async () => {
    const approved = attemptResult({
      ...waiting,
      status: 'succeeded',
      providerRefundId: 're_ok',
      approval: { decidedBy: { userId: '4', name: 'Mona Manager', email: null }, decidedAt: '2025-03-06T10:00:00.000Z', note: 'OK' },
    });
    const backend = fakeFetchBackend({
      get: [
        { status: 200, body: transactionDetails({ viewer: { canRefund: false, canApprove: true }, attempts: [waiting] }) },
        { status: 200, body: transactionDetails({ viewer: { canRefund: false, canApprove: true }, attempts: [approved.attempt] }) },
      ],
      approve: [{ status: 201, body: approved }],
    });
    const card = renderCard({ userId: 4 });
    await card.ready();
    expect(card.maybeFindByTestId(Button, 'cancel-open-att_wait')).toBeNull();
    card.click('approve-open-att_wait');
    expect(card.findByTestId(Text, 'decide-approve-summary').text).toBe("Approve Rita Rep's refund of $600.00: it is sent to the payment provider at once, as requested.");
    send(card.findByTestId(TextArea, 'decide-approve-note'), 'onChange', 'OK');
    card.findByTestId(LoadingButton, 'decide-approve-submit').trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'outcome').props.title).toBe('Refund of $600.00 succeeded'));
    expect(backend.posted('approve')).toEqual([{ note: 'OK' }]);
    await card.waitFor(() => expect(card.findByTestId(Tag, 'history-status-att_wait').text).toBe('Succeeded'));
    expect(card.findByTestId(TableCell, 'history-approval-att_wait').text?.replace(/\s/g, ' ')).toBe('Approved by Mona Manager, Mar 6, 2025, 5:00 AM: OK');
  });

  test('requires a note to reject, and shows the backend\'s refusal when the request was decided meanwhile', async () => {
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails({ viewer: { canRefund: false, canApprove: true }, attempts: [waiting] }) }],
      reject: [{ status: 409, body: apiError('ATTEMPT_NOT_AWAITING_APPROVAL', 'This request is no longer awaiting approval: it was approved already.', { status: 'succeeded' }) }],
    });
    const card = renderCard({ userId: 4 });
    await card.ready();
    card.click('reject-open-att_wait');
    card.findByTestId(LoadingButton, 'decide-reject-submit').trigger('onClick');
    expect(card.findByTestId(TextArea, 'decide-reject-note').props.validationMessage).toBe('Say why: the requester reads it.');
    expect(backend.posted('reject')).toEqual([]);
    send(card.findByTestId(TextArea, 'decide-reject-note'), 'onChange', 'Already refunded by cheque');
    card.findByTestId(LoadingButton, 'decide-reject-submit').trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'decide-reject-error').props.title).toBe('This request was already decided'));
    expect(backend.posted('reject')).toEqual([{ note: 'Already refunded by cheque' }]);
  });

  test('tells a rep who may not approve whom the request waits for', async () => {
    fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ viewer: LIMITED, attempts: [{ ...waiting, requestedBy: { userId: '9', name: 'Sam Support', email: null } }] }) }] });
    const card = renderCard({ userId: 2 });
    await card.ready();
    expect(card.findByTestId(Text, 'pending-who-att_wait').text).toBe('Waiting for a super admin or a member of team 9.');
    expect(card.maybeFindByTestId(Modal, 'approve-modal-att_wait')).toBeNull();
  });

  test('shows each decision in the history, and where the record and the payment disagree', async () => {
    const rejected = { ...waiting, id: 'att_rej', status: 'rejected' as const, approval: { decidedBy: { userId: '4', name: 'Mona Manager', email: null }, decidedAt: '2025-03-06T10:00:00.000Z', note: 'Refunded by cheque' } };
    fakeFetchBackend({
      get: [
        {
          status: 200,
          body: transactionDetails({
            attempts: [rejected],
            transaction: { warnings: [{ code: 'amount_mismatch', message: 'The record says USD 1500.00, but the payment was USD 1200.00 when first seen: refunds go by the payment.' }] },
          }),
        },
      ],
    });
    const card = renderCard();
    await card.ready();
    expect(card.findByTestId(Tag, 'history-status-att_rej').text).toBe('Rejected');
    expect(card.findByTestId(Alert, 'warning-amount_mismatch').props.title).toBe('The record and the payment disagree');
  });
});

describe('the history\'s older pages', () => {
  test('loads the next page with the cursor, and stops when there is none', async () => {
    const backend = fakeFetchBackend({
      get: [{ status: 200, body: transactionDetails({ attemptsCursor: 'cursor-1' }) }],
      attempts: [{ status: 200, body: { results: [attemptView({ id: 'att_old', createdAt: '2025-01-01T10:00:00.000Z' })], nextCursor: null } }],
    });
    const card = renderCard();
    await card.ready();
    card.click('history-older');
    await card.waitFor(() => expect(card.findByTestId(Tag, 'history-status-att_old').text).toBe('Succeeded'));
    expect(backend.urls('attempts')).toEqual(['https://refunds.example.com/api/transactions/deals/1001/attempts?cursor=cursor-1']);
    expect(card.maybeFindByTestId(Button, 'history-older')).toBeNull();
  });
});
