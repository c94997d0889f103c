-- Søknader med vedtaksutfall. Tabell 1 og 2 kommer fra hver sin Postgres-tabell.
SELECT
  s.søknad_id,
  s.person.fødselsnummer AS fødselsnummer,
  s.søknadstype,
  s.mottatt,
  v.utfall,
  v.vedtaksdato,
  ARRAY_LENGTH(s.vedlegg) AS antall_vedlegg
FROM `dagpenger-prod-4e2b.rasone.tabell_1` AS s
LEFT JOIN `dagpenger-prod-4e2b.rasone.tabell_2` AS v
  ON v.søknad_id = s.søknad_id