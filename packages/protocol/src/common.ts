import { z } from 'zod';

/** Ids are ULIDs: 26 Crockford base32 characters, time-ordered. */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id');
export const isoTimeSchema = z.iso.datetime();

/** A phone number as typed by a person: the server normalizes it to E.164. */
export const phoneInputSchema = z.string().trim().min(3).max(32);
export const deviceNameSchema = z.string().trim().min(1).max(64);
