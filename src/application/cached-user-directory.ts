import type { DirectoryUser } from '../domain/directory-user';
import type { HubSpotUserId } from '../domain/ids';
import type { Clock } from '../ports/clock';
import type { UserDirectory } from '../ports/user-directory';

/**
 * Remembers users for `ttlMs` (design §5: "cached briefly") and shares one lookup between concurrent
 * requests for the same user. Failures are not remembered.
 */
export function cachedUserDirectory(inner: UserDirectory, clock: Clock, ttlMs = 60_000): UserDirectory {
  const entries = new Map<HubSpotUserId, { expiresAt: number; user: Promise<DirectoryUser | null> }>();
  return {
    findUser(userId) {
      const now = clock.now().getTime();
      const cached = entries.get(userId);
      if (cached && cached.expiresAt > now) return cached.user;
      const user = inner.findUser(userId);
      entries.set(userId, { expiresAt: now + ttlMs, user });
      user.catch(() => entries.delete(userId));
      if (entries.size > 10_000) entries.delete(entries.keys().next().value as HubSpotUserId);
      return user;
    },
  };
}
