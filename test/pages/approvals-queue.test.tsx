import { Alert, Button, EmptyState, ErrorState, Link, LoadingSpinner, Modal, TableCell, TableRow, Text, TextArea } from '@hubspot/ui-extensions';
import { attemptResult } from '../card/card-fixtures';
import { deferred } from '../card/fake-backend';
import { apiError, type FakeAnswer, fakePageBackend } from './fake-page-backend';
import { approvalItem } from './pages-fixtures';
import { renderPages } from './pages-driver';
import { allText, spaced } from './renderer-helpers';

afterEach(() => jest.restoreAllMocks());

const waiting = approvalItem();
const queue = (items = [waiting], nextCursor: string | null = null) => ({ status: 200, body: { results: items, nextCursor } });
const empty = queue([]);

/** The home page showing Rita's request, on a backend with these answers. */
async function withRequest(replies: Parameters<typeof fakePageBackend>[0]) {
  const api = fakePageBackend({ 'GET /api/approvals': [queue(), empty], ...replies });
  const page = renderPages();
  await page.waitFor(() => expect(page.findByTestId(TableRow, 'approval-att_wait')).toBeTruthy());
  return { api, page };
}

describe('the approval queue on the home page (design §5)', () => {
  test('shows a spinner, then each request with its amount, payment, requester, reason, note, why and expiry', async () => {
    const answer = deferred<FakeAnswer>();
    const api = fakePageBackend({ 'GET /api/approvals': [answer.promise] });
    const page = renderPages();
    expect(page.findByTestId(LoadingSpinner, 'approvals-loading')).toBeTruthy();
    answer.resolve(queue());
    await page.waitFor(() => expect(page.findByTestId(TableRow, 'approval-att_wait')).toBeTruthy());
    expect(api.calls('GET /api/approvals').map((call) => call.url.href)).toEqual(['https://refunds.example.com/api/approvals']);
    expect(page.findByTestId(TableCell, 'approval-amount-att_wait').text).toBe('Refund of $600.00');
    expect(page.findByTestId(Link, 'approval-record-att_wait').props.href).toBe('https://app.hubspot.com/contacts/123/record/0-3/1001');
    expect(page.findByTestId(Link, 'approval-record-att_wait').text).toBe('Deal 1001');
    expect(page.findByTestId(Text, 'approval-payment-att_wait').text).toBe('Stripe pi_3Pq1001: $1,200.00 paid, $1,079.50 refundable');
    expect(spaced(page.findByTestId(TableCell, 'approval-requester-att_wait').text)).toBe('Rita Rep, Mar 4, 2025, 10:30 AM');
    expect(page.findByTestId(TableCell, 'approval-reason-att_wait').text).toBe('Requested by the customer: Goodwill');
    expect(page.findByTestId(TableCell, 'approval-why-att_wait').text).toBe('Above the limit of USD 500.00 per refund.');
    expect(spaced(page.findByTestId(TableCell, 'approval-expires-att_wait').text)).toBe('Mar 8, 2025, 10:30 AM');
  });

  test('links to records of any type: contacts, payments, custom objects', async () => {
    fakePageBackend({
      'GET /api/approvals': [
        queue([
          approvalItem({ id: 'a1' }, { objectType: 'contacts', objectId: '51' }),
          approvalItem({ id: 'a2' }, { objectType: 'commerce_payments', objectId: '52' }),
          approvalItem({ id: 'a3' }, { objectType: '2-123456', objectId: '53' }),
        ]),
      ],
    });
    const page = renderPages();
    await page.waitFor(() => expect(page.findByTestId(Link, 'approval-record-a1').props.href).toBe('https://app.hubspot.com/contacts/123/record/0-1/51'));
    expect(page.findByTestId(Link, 'approval-record-a2').props.href).toBe('https://app.hubspot.com/contacts/123/record/0-101/52');
    expect(page.findByTestId(Link, 'approval-record-a3').props.href).toBe('https://app.hubspot.com/contacts/123/record/2-123456/53');
    expect(page.findByTestId(Link, 'approval-record-a3').text).toBe('Record 2-123456/53');
  });

  test('an empty queue says what would appear there (the backend lists nothing for someone who does not approve)', async () => {
    fakePageBackend({ 'GET /api/approvals': [empty] });
    const page = renderPages();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'approvals-empty').props.title).toBe('Nothing waits for your approval'));
  });

  test('approving sends the note, says what became of the refund, and takes it off the queue', async () => {
    const { api, page } = await withRequest({
      'POST /api/attempts/*/approve': [{ status: 201, body: attemptResult({ ...waiting.attempt, status: 'succeeded', approval: { decidedBy: { userId: '4', name: 'Mona Manager', email: null }, decidedAt: '2025-03-05T12:00:00.000Z', note: 'OK' } }) }],
    });
    page.click('approve-open-att_wait');
    expect(page.findByTestId(Text, 'decide-approve-att_wait-summary').text).toBe("Approve Rita Rep's refund of $600.00: it is sent to the payment provider at once, as requested.");
    page.typeNote('decide-approve-att_wait-note', 'OK for goodwill');
    page.submit('decide-approve-att_wait-submit');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'decision-outcome').props).toMatchObject({ variant: 'success', title: "Approved Rita Rep's refund of $600.00: succeeded" }));
    expect(api.calls('POST /api/attempts/*/approve').map((call) => [call.url.pathname, call.body])).toEqual([['/api/attempts/att_wait/approve', { note: 'OK for goodwill' }]]);
    expect(page.mocks.actions.closeOverlay.calls).toEqual([['refund-pages-approve-att_wait']]);
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'approvals-empty')).toBeTruthy());
  });

  test('an approved refund whose outcome is not known yet says so', async () => {
    const { page } = await withRequest({
      'POST /api/attempts/*/approve': [{ status: 202, body: attemptResult({ ...waiting.attempt, status: 'unknown' }) }],
    });
    page.click('approve-open-att_wait');
    page.submit('decide-approve-att_wait-submit');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'decision-outcome').props).toMatchObject({ variant: 'warning', title: "Approved Rita Rep's refund of $600.00: unknown, checking" }));
  });

  test('rejecting needs a note, which the requester reads', async () => {
    const { api, page } = await withRequest({
      'POST /api/attempts/*/reject': [{ status: 200, body: attemptResult({ ...waiting.attempt, status: 'rejected' }) }],
    });
    page.click('reject-open-att_wait');
    page.submit('decide-reject-att_wait-submit');
    expect(page.findByTestId(TextArea, 'decide-reject-att_wait-note').props).toMatchObject({ required: true, error: true, validationMessage: 'Say why: the requester reads it.' });
    expect(api.calls('POST /api/attempts/*/reject')).toEqual([]);
    page.typeNote('decide-reject-att_wait-note', 'Not covered by the goodwill policy');
    page.submit('decide-reject-att_wait-submit');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'decision-outcome').props.title).toBe("Rejected Rita Rep's refund of $600.00: nothing was refunded"));
    expect(api.calls('POST /api/attempts/*/reject').map((call) => call.body)).toEqual([{ note: 'Not covered by the goodwill policy' }]);
  });

  test('a request someone else decided meanwhile says so in the dialog, and closing it refreshes the queue', async () => {
    const { api, page } = await withRequest({
      'POST /api/attempts/*/approve': [apiError(409, 'ATTEMPT_NOT_AWAITING_APPROVAL', 'This request was already rejected by Mona Manager.')],
    });
    page.click('approve-open-att_wait');
    page.submit('decide-approve-att_wait-submit');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'decide-approve-att_wait-error').props.title).toBe('This request was already decided'));
    expect(page.findByTestId(Text, 'decide-approve-att_wait-error-message').text).toBe('This request was already rejected by Mona Manager.');
    page.findByTestId(Modal, 'approve-modal-att_wait').trigger('onClose');
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'approvals-empty')).toBeTruthy());
    expect(api.calls('GET /api/approvals')).toHaveLength(2);
  });

  test('more requests come a page at a time', async () => {
    const api = fakePageBackend({
      'GET /api/approvals': [queue([waiting], 'cur_2'), queue([approvalItem({ id: 'att_next', amount: '700.00' })])],
    });
    const page = renderPages();
    await page.waitFor(() => expect(page.findByTestId(Button, 'approvals-more')).toBeTruthy());
    page.click('approvals-more');
    await page.waitFor(() => expect(page.findByTestId(TableCell, 'approval-amount-att_next').text).toBe('Refund of $700.00'));
    expect(api.calls('GET /api/approvals').map((call) => call.url.search)).toEqual(['', '?cursor=cur_2']);
    expect(page.findByTestId(TableRow, 'approval-att_wait')).toBeTruthy();
    expect(page.maybeFindByTestId(Button, 'approvals-more')).toBeNull();
  });

  test('a queue that cannot be loaded says why and loads again on request', async () => {
    fakePageBackend({ 'GET /api/approvals': [new Error('socket hang up'), queue()] });
    const page = renderPages();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'load-error').props.title).toBe('No answer from the refund service'));
    expect(allText(page.findByTestId(ErrorState, 'load-error'))).toContain('The refund service could not be reached (socket hang up).');
    page.click('load-retry');
    await page.waitFor(() => expect(page.findByTestId(TableRow, 'approval-att_wait')).toBeTruthy());
  });
});
