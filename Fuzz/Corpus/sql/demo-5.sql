SELECT
  TO_HEX(SHA256(CONCAT(fødselsnummer, (SELECT salt FROM `dagpenger-prod-4e2b.behandling.salt` WHERE år = EXTRACT(YEAR FROM fom))))) AS person_nøkkel,
  fom, tom, arbeidstimer
FROM `dagpenger-prod-4e2b.behandling.meldekort_renset`