SELECT
  meldekort_id,
  fødselsnummer,
  periode.fom,
  periode.tom,
  (SELECT SUM(d.arbeidstimer) FROM UNNEST(dager) AS d) AS arbeidstimer
FROM `dagpenger-prod-4e2b`.`rasone`.`tabell_n`
WHERE status != 'FEILET'
QUALIFY ROW_NUMBER() OVER (PARTITION BY meldekort_id ORDER BY lastet DESC) = 1