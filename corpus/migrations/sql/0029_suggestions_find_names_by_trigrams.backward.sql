DROP TRIGGER IF EXISTS actor_name_forms ON corpus_actor;
DROP TRIGGER IF EXISTS organization_name_forms ON corpus_organization;
DROP FUNCTION IF EXISTS corpus_actor_name_forms();
DROP FUNCTION IF EXISTS corpus_organization_name_forms();
