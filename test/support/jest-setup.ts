import nock from 'nock';

/**
 * nock patches Node's shared http module; a file that leaves it active hands stale interceptors to the
 * next file in the same worker. Every file starts with no network and ends with nock removed.
 */
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
