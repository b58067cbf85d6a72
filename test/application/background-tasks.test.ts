import { backgroundTasks } from '../../src/application/background-tasks';

describe('background tasks', () => {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

  it('drains every task, and logs a failed one instead of throwing', async () => {
    const warned: string[] = [];
    const tasks = backgroundTasks({ ...silent, warn: (message) => warned.push(message) });
    const done: string[] = [];
    tasks.run('first', async () => done.push('first'));
    tasks.run('crm write-back', async () => {
      throw new Error('HubSpot said no');
    });
    await tasks.drain();
    expect(done).toEqual(['first']);
    expect(warned).toEqual(['crm write-back left to the outbox']);
  });

  it('stops waiting after the time given, leaving a task that hangs to go on', async () => {
    const tasks = backgroundTasks(silent);
    let finish!: () => void;
    const finished: string[] = [];
    tasks.run('hangs', () => new Promise<void>((resolve) => (finish = resolve)).then(() => void finished.push('hangs')));
    await tasks.drain(10);
    expect(finished).toEqual([]);
    finish();
    await tasks.drain();
    expect(finished).toEqual(['hangs']);
  });
});
