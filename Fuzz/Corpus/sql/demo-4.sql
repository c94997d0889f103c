SELECT DATE_TRUNC(DATE(mottatt, 'Europe/Oslo'), MONTH) AS måned, søknadstype, COUNT(*) AS antall
FROM `dagpenger-prod-4e2b.behandling.søknader_beriket`
GROUP BY måned, søknadstype
HAVING antall >= 5  -- små celler vises ikke