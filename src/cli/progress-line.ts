/**
 * Says what is happening when something takes longer than a second (starting the database, waiting for a
 * provider), on stderr so that stdout stays the command's result. On a terminal the line is rewritten in
 * place with the elapsed time; elsewhere it is printed once.
 */
export async function withProgress<T>(label: string | (() => string), work: () => Promise<T>, stream: NodeJS.WriteStream = process.stderr): Promise<T> {
  const started = Date.now();
  const text = () => (typeof label === 'string' ? label : label());
  let shown = false;
  let ticker: NodeJS.Timeout | undefined;
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const show = () => {
    if (stream.isTTY) stream.write(`\r${text()}… ${seconds()} s`);
    else if (!shown) stream.write(`${text()}…\n`);
    shown = true;
  };
  const first = setTimeout(() => {
    show();
    if (stream.isTTY) ticker = setInterval(show, 200);
  }, 1000);
  try {
    return await work();
  } finally {
    clearTimeout(first);
    clearInterval(ticker);
    if (shown && stream.isTTY) stream.write(`\r${text()}: done in ${seconds()} s\n`);
  }
}
