import type { Generated } from 'kysely';

/**
 * The tables of Parley's database, the same on SQLite and PostgreSQL.
 * Times are integer milliseconds since the epoch (bigint in PostgreSQL, read back as number).
 * No booleans: a nullable time says when something became true.
 */
export interface UsersTable {
  id: string;
  phone: string; // E.164, unique
  display_name: string | null;
  about: Generated<string>;
  avatar_id: string | null; // blob keys avatars/<user>/<avatar_id>-{512,96}.webp
  password_hash: string | null; // Argon2id PHC string
  created_at: number;
  updated_at: number;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_seen_at: number;
}

export interface SessionsTable {
  token_hash: string; // sha256 of the bearer token, hex
  device_id: string; // one session per device
  user_id: string;
  created_at: number;
}

export interface OtpChallengesTable {
  id: string;
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  client_ip: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

export interface DatabaseSchema {
  users: UsersTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  otp_challenges: OtpChallengesTable;
}
