import { getTransaction } from '../../application/get-transaction';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';
import { formatDetails } from '../format';
import { type RecordArguments, recordRef, userOption } from '../inputs';

export async function showCommand(session: CliSession, record: RecordArguments, options: { user: string }): Promise<number> {
  const ref = recordRef(record);
  const user = userOption(options.user);
  const backend = await session.backend();
  const details = await getTransaction(backend.deps, ref, user);
  session.print(details, () => formatDetails(details));
  return EXIT.ok;
}
