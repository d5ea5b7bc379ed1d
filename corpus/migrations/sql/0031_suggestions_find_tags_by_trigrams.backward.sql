DROP TRIGGER IF EXISTS tag_name_forms ON taggit_tag;
DROP FUNCTION IF EXISTS corpus_tag_name_forms();
DELETE FROM corpus_nameform WHERE kind = 'tag';
