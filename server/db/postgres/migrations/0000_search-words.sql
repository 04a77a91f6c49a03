-- Prompt search on PostgreSQL answers like FTS5 with `tokenize = 'unicode61 remove_diacritics 2'` on
-- SQLite (docs/decisions/019): words are runs of letters and digits, lower-cased, diacritics removed.
-- darkroom_words() turns a text into those words, one space apart; jobs.search (a generated tsvector
-- with the 'simple' configuration: no stemming, no stop words) and the query side both go through it.
CREATE FUNCTION darkroom_words(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN btrim(regexp_replace(regexp_replace(normalize(lower(t), NFD), '[\u0300-\u036f]+', '', 'g'), '[^[:alnum:]]+', ' ', 'g'));
--> statement-breakpoint
-- The gallery's words as one tsquery, as ftsQuery() writes them for FTS5: every term must match; a
-- term with a space is a phrase (its words in a row), any other term is a phrase whose last word may
-- be a prefix ("fo" finds fox, "foo-ba" finds foo-bar). As in FTS5, a term without a word ("!!!") is
-- left out, and a query with no word at all matches nothing (the result is null).
CREATE FUNCTION darkroom_query(terms text[], prefixes boolean[]) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  parts text[] := '{}';
  words text[];
BEGIN
  FOR i IN 1 .. coalesce(array_length(terms, 1), 0) LOOP
    words := array_remove(string_to_array(darkroom_words(terms[i]), ' '), '');
    CONTINUE WHEN coalesce(array_length(words, 1), 0) = 0;
    parts := parts || ('(' || array_to_string(ARRAY(SELECT quote_literal(w) FROM unnest(words) AS w), ' <-> ') || ')');
    IF prefixes[i] THEN
      parts[array_length(parts, 1)] := left(parts[array_length(parts, 1)], -1) || ':*)';
    END IF;
  END LOOP;
  IF coalesce(array_length(parts, 1), 0) = 0 THEN
    RETURN NULL;
  END IF;
  RETURN array_to_string(parts, ' & ')::tsquery;
END;
$$;
