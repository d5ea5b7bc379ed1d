-- The claim list's About facet (whom a claim's passage names) gets running totals, as
-- its other facets have: the totals function adds the named people and organizations,
-- and the totals of the claims already public are counted once, under a lock.
LOCK TABLE corpus_claimfacets IN SHARE MODE;
CREATE OR REPLACE FUNCTION corpus_claim_facet_totals() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM new_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM new_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM new_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM new_rows UNION ALL SELECT 'article', article_id::text FROM new_rows UNION ALL SELECT 'named_actor', unnest(named_actor_ids)::text FROM new_rows UNION ALL SELECT 'named_organization', unnest(named_organization_ids)::text FROM new_rows) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    ELSIF TG_OP = 'UPDATE' THEN
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, 1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM new_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM new_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM new_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM new_rows UNION ALL SELECT 'article', article_id::text FROM new_rows UNION ALL SELECT 'named_actor', unnest(named_actor_ids)::text FROM new_rows UNION ALL SELECT 'named_organization', unnest(named_organization_ids)::text FROM new_rows) v UNION ALL SELECT facet, value, -1 FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM old_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM old_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM old_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM old_rows UNION ALL SELECT 'article', article_id::text FROM old_rows UNION ALL SELECT 'named_actor', unnest(named_actor_ids)::text FROM old_rows UNION ALL SELECT 'named_organization', unnest(named_organization_ids)::text FROM old_rows) o) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    ELSE
        
        INSERT INTO corpus_claimfacettotal (facet, value, count)
        SELECT facet, value, sum(n) FROM (SELECT facet, value, -1 AS n FROM (SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM old_rows WHERE claimant_actor_id IS NOT NULL UNION ALL SELECT 'organization', claimant_organization_id::text FROM old_rows WHERE claimant_organization_id IS NOT NULL UNION ALL SELECT 'kind', kind FROM old_rows UNION ALL SELECT 'tag', unnest(tag_ids)::text FROM old_rows UNION ALL SELECT 'article', article_id::text FROM old_rows UNION ALL SELECT 'named_actor', unnest(named_actor_ids)::text FROM old_rows UNION ALL SELECT 'named_organization', unnest(named_organization_ids)::text FROM old_rows) v) d GROUP BY facet, value
        HAVING sum(n) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = corpus_claimfacettotal.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

INSERT INTO corpus_claimfacettotal (facet, value, count)
SELECT 'named_actor', v::text, count(*) FROM corpus_claimfacets, unnest(named_actor_ids) v
GROUP BY v ORDER BY v;
INSERT INTO corpus_claimfacettotal (facet, value, count)
SELECT 'named_organization', v::text, count(*) FROM corpus_claimfacets, unnest(named_organization_ids) v
GROUP BY v ORDER BY v;
