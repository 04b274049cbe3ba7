/**
 * PL/pgSQL trigger functions Keystone 22's initial migration creates on
 * PostgreSQL. No trigger uses them any more (they served data migrations of
 * older releases), but they are part of the schema Keystone expects: a later
 * Keystone migration may drop them by name, so a database made by keystone-ts
 * must have them too. The bodies are ours and behave like Keystone's.
 */

export interface PgFunctionDef {
  readonly name: string;
  readonly returns: 'trigger';
  readonly language: 'plpgsql';
  /** The PL/pgSQL block between the dollar quotes. */
  readonly body: string;
}

export const KEYSTONE_PG_FUNCTIONS: readonly PgFunctionDef[] = [
  {
    // Refused writes to credential while credentials were re-encrypted.
    name: 'keystone_read_only_update',
    returns: 'trigger',
    language: 'plpgsql',
    body: `
BEGIN
  IF NEW.encrypted_blob IS NULL
     OR (NEW.encrypted_blob IS NOT NULL AND OLD.blob IS NULL) THEN
    RAISE EXCEPTION 'credential is read-only while credentials are being migrated';
  END IF;
  RETURN NEW;
END
`,
  },
  {
    // Refused inserts into identity_provider while providers were migrated.
    name: 'keystone_read_only_insert',
    returns: 'trigger',
    language: 'plpgsql',
    body: `
BEGIN
  RAISE EXCEPTION 'identity_provider is read-only while identity providers are being migrated';
END
`,
  },
  {
    // Copied an identity provider's domain to the user it federates.
    name: 'update_federated_user_domain_id',
    returns: 'trigger',
    language: 'plpgsql',
    body: `
BEGIN
  UPDATE "user"
     SET domain_id = (SELECT domain_id FROM identity_provider WHERE id = NEW.idp_id)
   WHERE id = NEW.user_id AND domain_id IS NULL;
  RETURN NULL;
END
`,
  },
  {
    // Copied a local user's domain to its user row.
    name: 'update_user_domain_id',
    returns: 'trigger',
    language: 'plpgsql',
    body: `
BEGIN
  UPDATE "user" SET domain_id = NEW.domain_id WHERE id = NEW.user_id;
  RETURN NULL;
END
`,
  },
];
