/// Where things go on a terminal of a given size: header, two panes, status line, footer.
struct Layout: Equatable {
    let width: Int
    let height: Int

    var bodyTop: Int { 1 }
    var bodyHeight: Int { max(0, height - 3) }
    var statusRow: Int { height - 2 }
    var footerRow: Int { height - 1 }
    var treeWidth: Int { min(56, max(28, width * 2 / 5)) }
    var detailsLeft: Int { treeWidth + 2 }
    var detailsWidth: Int { max(0, width - detailsLeft - 1) }
}
