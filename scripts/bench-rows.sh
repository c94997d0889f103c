# Sourced by the bench scripts: the summary line bench.sh collects, and its figures.
# row FIGURE KATALOG PEER RATIO TARGET MET
row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
# katalog's figure over the peer's, three decimals when small.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "–"; else if (a / b < 0.1) printf "%.3f×", a / b; else printf "%.2f×", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "yes" : "no" }'; }
