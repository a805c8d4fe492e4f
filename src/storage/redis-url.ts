// A Redis URL as it may be shown (banner, messages): without its password. No redis import, so the server
// host can print it without loading node-redis.

export function displayRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
