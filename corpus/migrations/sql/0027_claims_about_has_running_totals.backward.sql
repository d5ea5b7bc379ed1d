LOCK TABLE corpus_claimfacets IN SHARE MODE;
CREATE OR REPLACE FUNCTION corpus_claim_facet_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM new_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM new_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM new_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM new_rows UNION ALL SELECT 'article', article_id::text FROM new_rows) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM new_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM new_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM new_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM new_rows UNION ALL SELECT 'article', article_id::text FROM new_rows) v UNION ALL SELECT facet, value, -1 FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM old_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM old_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM old_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM old_rows UNION ALL SELECT 'article', article_id::text FROM old_rows) o) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, -1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM old_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM old_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM old_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM old_rows UNION ALL SELECT 'article', article_id::text FROM old_rows) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DELETE FROM corpus_claimfacettotal WHERE facet IN ('named_actor', 'named_organization');
