
CREATE OR REPLACE FUNCTION corpus_facet_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM new_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM new_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM new_rows WHERE published) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM new_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM new_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM new_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM new_rows WHERE published) v UNION ALL SELECT facet, value, -1 FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM old_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM old_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM old_rows WHERE published) o) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_facettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, -1 AS n FROM (SELECT 'actor' AS facet, unnest(actor_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'organization' AS facet, unnest(organization_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'author' AS facet, unnest(author_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'tag' AS facet, unnest(tag_ids) AS value FROM old_rows WHERE published UNION ALL SELECT 'publication', publication_id FROM old_rows WHERE published AND publication_id IS NOT NULL UNION ALL SELECT 'year', year FROM old_rows WHERE published AND year IS NOT NULL UNION ALL SELECT 'all', 0 FROM old_rows WHERE published) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_facettotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

INSERT INTO corpus_facettotal (facet, value, count)
SELECT 'all', 0, count(*) FROM corpus_articlefacets WHERE published
ON CONFLICT (facet, value) DO UPDATE SET count = EXCLUDED.count;
