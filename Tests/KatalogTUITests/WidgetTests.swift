import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// Widgets drawn into small grids and compared with literal rows (ratatui's style), and their
/// behaviour key by key.
@Suite("Widgets")
struct WidgetTests {
    func grid(_ width: Int, _ height: Int, _ draw: (inout Canvas) -> Void) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        draw(&canvas)
        return canvas
    }

    // MARK: Text buffer

    @Test func theCursorStepsOverWideAndCombiningCharactersWhole() {
        var buffer = TextBuffer("e\u{301}日本ø")
        #expect(buffer.cursor == 4)
        buffer.moveLeft()  // before ø
        buffer.moveLeft()  // before 本
        let canvas = grid(10, 1) { buffer.draw(into: &$0, Rect(x: 0, y: 0, width: 10, height: 1)) }
        #expect(canvas.rows == ["é日本ø"])
        #expect(canvas.cursor == CursorPosition(x: 3, y: 0), "after é (1 cell) and 日 (2 cells)")
        buffer.deleteBackward()
        #expect(buffer.text == "e\u{301}本ø")
        buffer.moveHome()
        buffer.deleteForward()
        #expect(buffer.text == "本ø", "the combining mark went with its e")
    }

    @Test func readlineKeysDeleteWordsAndKill() {
        var buffer = TextBuffer("syltetøy og blåbær")
        let r1 = buffer.handle(.control("w"))
        #expect(r1)
        #expect(buffer.text == "syltetøy og ")
        let r2 = buffer.handle(.wordLeft)
        #expect(r2 && buffer.cursor == 9)
        let r3 = buffer.handle(.control("k"))
        #expect(r3)
        #expect(buffer.text == "syltetøy ")
        buffer.insert("med blåbær")
        let r4 = buffer.handle(.control("a"))
        let r5 = buffer.handle(.wordRight)
        #expect(r4 && r5 && buffer.cursor == 8)
        let r6 = buffer.handle(.control("u"))
        #expect(r6)
        #expect(buffer.text == " med blåbær" && buffer.cursor == 0)
        let r7 = buffer.handle(.control("e"))
        #expect(r7 && buffer.cursor == buffer.characters.count)
        let r8 = buffer.handle(.enter)
        #expect(!r8, "enter is the owner's")
    }

    @Test func aPastedTenKilobyteLineScrollsToTheCursor() {
        var buffer = TextBuffer()
        buffer.insert(String(repeating: "abcdefghij", count: 1_000) + "\nslutt")
        #expect(buffer.characters.count == 10_006 && !buffer.text.contains("\n"))
        let canvas = grid(30, 1) { buffer.draw(into: &$0, Rect(x: 0, y: 0, width: 30, height: 1)) }
        #expect(canvas.rows == ["cdefghijabcdefghijabcdefghij slutt".suffix(29).description])
        #expect(canvas.cursor == CursorPosition(x: 29, y: 0))
    }

    @Test func controlCharactersInTheBufferAreDrawnVisibly() {
        let buffer = TextBuffer("a\u{1B}[2Jb")
        let canvas = grid(12, 1) { buffer.draw(into: &$0, Rect(x: 0, y: 0, width: 12, height: 1)) }
        #expect(canvas.rows == ["a\\x1b[2Jb"])
    }

    // MARK: List

    @Test func theListBringsTheCursorBackIntoViewWhenTheOffsetIsPastIt() {
        var list = ListState(cursor: 3, offset: 10)
        list.clamp(count: 20, height: 5)
        #expect(list.offset == 3 && list.cursor == 3)
        list.move(.bottom, count: 20, height: 5)
        #expect(list.cursor == 19 && list.offset == 15)
        list.clamp(count: 8, height: 5)  // rows went away
        #expect(list.cursor == 7 && list.offset == 3)
        #expect(list.visible(count: 8, height: 5) == 3..<8)
    }

    @Test func marksAndRangesSelectForBulkActions() {
        var list = ListState()
        #expect(list.selection(count: 5) == [0], "no marks: the cursor row")
        list.move(.to(1), count: 5, height: 5)
        list.toggleMark()
        list.move(.to(3), count: 5, height: 5)
        list.toggleRange()
        list.move(.to(4), count: 5, height: 5)
        list.toggleRange()
        #expect(list.selection(count: 5) == [1, 3, 4])
        list.move(.to(1), count: 5, height: 5)
        list.toggleMark()
        #expect(list.selection(count: 5) == [3, 4])
    }

    // MARK: Table

    @Test func theTableCutsAWideCellAndMarksTheCursorRow() {
        let table = TableView(columns: [.init("SUBJECT", .flex(1)), .init("EXPIRES", .fit(max: 10), alignRight: true)],
                              rows: [["user:ola.nordmann@nav.no", "2027-01-31"], ["group:team-dvh@nav.no", "never"]])
        var list = ListState(cursor: 1)
        list.toggleMark()
        let canvas = grid(30, 3) { table.draw(into: &$0, Rect(x: 0, y: 0, width: 30, height: 3), list: list) }
        #expect(canvas.rows == [
            "  SUBJECT              EXPIRES",
            "  user:ola.nordma…  2027-01-31",
            "● group:team-dvh@…       never",
        ])
        #expect(canvas.roleRows[2].dropFirst().allSatisfy { $0 == Role.selection.code })
    }

    // MARK: Confirmation

    /// Only `y` says yes: keys typed ahead — Enter, `j` (down, and Norwegian "ja"), an arrow or
    /// Tab and then Enter — never do (key mashing approved requests so).
    @Test func onlyYConfirms() {
        var confirm = Confirmation(title: "Revoke", lines: ["user:ola@nav.no loses access"], dangerous: true)
        for key: Key in [.character("x"), .character("j"), .character("J"), .character("l"), .tab, .right, .left, .backTab, .down] {
            #expect(confirm.handle(key) == nil, "\(key)")
        }
        #expect(confirm.handle(.enter) == .cancelled)
        var other = Confirmation(title: "Revoke", lines: [])
        let r13 = other.handle(.escape)
        #expect(r13 == .cancelled)
        let r14 = other.handle(.character("y"))
        #expect(r14 == .confirmed)
    }

    @Test func aConfirmationDrawsNoSelected() {
        let confirm = Confirmation(title: "Slett?", lines: ["Alt forsvinner."])
        let canvas = grid(44, 7) { confirm.draw(into: &$0, Rect(x: 0, y: 0, width: 44, height: 7), yesLabel: "Ja", noLabel: "Nei") }
        #expect(canvas.rows == [
            "",
            "  ┌─ Slett? ─────────────────────────────┐",
            "  │ Alt forsvinner.                      │",
            "  │                                      │",
            "  │        [ n: Nei ]  [ y: Ja ]         │",
            "  └──────────────────────────────────────┘",
            "",
        ])
        #expect(canvas[11, 4].role == .selection && canvas[23, 4].role == .overlay, "No is the default")
    }

    // MARK: Picker

    @Test func aStaleAnswerIsDropped() {
        var picker = Picker(title: "Team")
        let first = picker.beginLoad()
        let second = picker.beginLoad()
        let old = [Picker.Option(id: "1", label: "Gammelt")]
        let new = [Picker.Option(id: "2", label: "Dagpenger"), Picker.Option(id: "3", label: "Dataplattform")]
        let r15 = picker.deliver(.success(new), generation: second, language: .en)
        #expect(r15)
        let r16 = picker.deliver(.success(old), generation: first, language: .en)
        #expect(!r16)
        #expect(picker.options == new)
        let r17 = picker.handle(.character("p"), height: 5)
        #expect(r17 == .queryChanged("p"))
        let r18 = picker.handle(.character("l"), height: 5)
        #expect(r18 == .queryChanged("pl"))
        #expect(picker.matches.map(\.label) == ["Dataplattform"])
        let r19 = picker.handle(.enter, height: 5)
        #expect(r19 == .chosen(new[1]))
    }

    @Test func aDisabledOptionIsRefusedWithItsReason() {
        var picker = Picker(title: "Type", options: [Picker.Option(id: "ext", label: "EXTERNAL", disabledReason: "external tables cannot be registered")])
        let r20 = picker.handle(.enter, height: 3)
        #expect(r20 == .refused("external tables cannot be registered"))
    }

    // MARK: Form

    static func form() -> Form {
        Form(pages: [
            Form.Page(title: "Dataprodukt", fields: [
                Form.Field(id: "name", label: "Name", required: true, kind: .text(TextBuffer())),
                Form.Field(id: "group", label: "Owner", required: true, kind: .picker(chosen: nil)),
                Form.Field(id: "internal", label: "Team only", kind: .toggle(false, disabledReason: nil)),
            ]),
            Form.Page(title: "Tilgang", fields: [
                Form.Field(id: "access", label: "Access", kind: .select(options: [.init(id: "apply", label: "apply"),
                                                                              .init(id: "all", label: "all", disabledReason: "sensitive")], chosen: 0, highlight: 0)),
            ]),
        ])
    }

    @Test func aFormPageWithTwoProblems() {
        var form = Self.form()
        form.problems = [Problem(field: "name", code: "required", message: LocalizedText(nb: "Navn må fylles ut.", en: "Give a name.")),
                         Problem(field: "group", code: "wrong_owner", message: LocalizedText(nb: "Ikke medlem.", en: "Not a member."))]
        let canvas = grid(40, 10) { form.draw(into: &$0, Rect(x: 0, y: 0, width: 40, height: 10), texts: Form.Texts(language: .en)) }
        #expect(canvas.rows == [
            "Dataprodukt  1/2  2 problems",
            "",
            "Name *",
            "             ⚠ Give a name.",
            "",
            "Owner *      choose …",
            "             ⚠ Not a member.",
            "",
            "Team only    [ ]",
            "",
        ].map { $0.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) })
        let r21 = form.next()
        #expect(r21 == .blocked(problems: 2))
        #expect(form.page == 0)
    }

    @Test func nextIsBlockedByProblemsBackNever() {
        var form = Self.form()
        let r22 = form.handle(.character("D"), width: 30)
        #expect(r22 == .changed(field: "name"))
        let r23 = form.handle(.tab, width: 30)
        #expect(r23 == nil && form.focusedField?.id == "group")
        let r24 = form.handle(.enter, width: 30)
        #expect(r24 == .openPicker(field: "group"))
        let r25 = form.handle(.down, width: 30)
        #expect(r25 == nil && form.focusedField?.id == "internal")
        let r26 = form.handle(.character(" "), width: 30)
        #expect(r26 == .changed(field: "internal"))
        let r27 = form.next()
        #expect(r27 == .pageChanged(1))
        let r28 = form.handle(.right, width: 30)
        #expect(r28 == nil)
        let r29 = form.handle(.character(" "), width: 30)
        #expect(r29 == .refused("sensitive"))
        form.problems = [Problem(field: "access", code: "x", message: LocalizedText(nb: "x", en: "x"))]
        let r30 = form.next()
        #expect(r30 == .blocked(problems: 1))
        let r31 = form.back()
        #expect(r31 == .pageChanged(0))
        let r32 = form.jump(to: 1)
        #expect(r32 == .pageChanged(1))
        if case let .text(buffer)? = form.field("name")?.kind { #expect(buffer.text == "D") } else { Issue.record("name lost") }
    }

    // MARK: Text area

    @Test func upAndDownMoveByVisualLine() {
        var area = TextArea("Søknader om dagpenger fra Postgres\nlinje to")
        let width = 12
        #expect(area.visualLines(width: width).count == 4)
        let r33 = area.handle(.up, width: width, height: 3)
        #expect(r33)
        let r34 = area.handle(.up, width: width, height: 3)
        #expect(r34)
        let r35 = area.handle(.home, width: width, height: 3)
        #expect(r35)
        let r36 = area.handle(.character("X"), width: width, height: 3)
        #expect(r36)
        #expect(area.text == "Søknader om Xdagpenger fra Postgres\nlinje to")
        let canvas = grid(12, 3) { area.draw(into: &$0, Rect(x: 0, y: 0, width: 12, height: 3)) }
        #expect(canvas.rows == ["Søknader om", "Xdagpenger", "fra Postgres"])
        #expect(canvas.cursor == CursorPosition(x: 1, y: 1))
    }

    @Test func aFormsFooterNamesTheFocusedFieldsKeysAndWhyOneIsDisabled() {
        var form = Form(pages: [Form.Page(title: "Tilgang", fields: [
            Form.Field(id: "all", label: "All of NAV", kind: .toggle(false, disabledReason: "the datasett has personal data")),
            Form.Field(id: "description", label: "Description", kind: .markdown(TextArea())),
        ])])
        #expect(form.footerHints(.en).first == FooterHint("space", "toggle", disabledReason: "the datasett has personal data"))
        let moved = form.handle(.tab, width: 40)
        #expect(moved == nil && form.footerHints(.en).first == FooterHint("ctrl-e", "editor"))
        let edit = form.handle(.control("e"), width: 40)
        #expect(edit == .openEditor(field: "description"))
    }

    /// A page taller than the screen scrolls to the focused field.
    @Test func aFormPageTallerThanTheScreenShowsTheFocusedField() {
        var form = Form(pages: [Form.Page(title: "Side", fields: (1...8).map { .init(id: "f\($0)", label: "Felt \($0)", kind: .text(TextBuffer("verdi \($0)"))) })])
        let texts = Form.Texts(language: .nb)
        let top = grid(40, 8) { form.draw(into: &$0, Rect(x: 0, y: 0, width: 40, height: 8), texts: texts) }
        #expect(top.rows.contains { $0.hasPrefix("Felt 1") } && !top.rows.contains { $0.hasPrefix("Felt 8") })
        for _ in 1..<8 { _ = form.handle(.tab, width: 30) }
        let bottom = grid(40, 8) { form.draw(into: &$0, Rect(x: 0, y: 0, width: 40, height: 8), texts: texts) }
        #expect(bottom.rows.contains { $0.hasPrefix("Felt 8") } && !bottom.rows.contains { $0.hasPrefix("Felt 1 ") }, "\(bottom.rows)")
    }

    /// Grouped options are a tree: each group's heading, its options under it; the query
    /// matches the group too.
    @Test func aPickerOfGroupedOptionsIsATree() {
        var picker = Picker(title: "Tabell", options: [
            .init(id: "b.a", label: "meldekort_renset", group: "behandling"), .init(id: "b.b", label: "vedtak_daglig", group: "behandling"),
            .init(id: "r.a", label: "tabell_1", group: "rasone"), .init(id: "r.b", label: "fra_gcs", disabledReason: "external", group: "rasone"),
        ])
        let tree = grid(30, 8) { picker.draw(into: &$0, Rect(x: 0, y: 0, width: 30, height: 8), loadingText: "…", emptyText: "ingen") }
        #expect(Array(tree.rows.dropFirst().prefix(6)) == ["▾ behandling", "  meldekort_renset", "  vedtak_daglig", "▾ rasone", "  tabell_1", "  fra_gcs  external"])
        for character in "beh.ved" { _ = picker.handle(.character(character), height: 6) }
        #expect(picker.matches.map(\.id) == ["b.b"])
    }
}

/// The fuzzy match gives the same answer on its ASCII fast path as on the general one.
@Suite("Fuzzy matching")
struct FuzzyMatchTests {
    @Test(arguments: [
        ("tab", "my_TABLE", [3, 4, 5] as [Int]?), ("TAB", "tabell_1", [0, 1, 2]), ("t1", "tabell_1", [0, 7]), ("xyz", "tabell_1", nil),
        ("søk", "søknader_per_måned", [0, 1, 2]), ("sok", "søknader", nil), ("ned", "søknader_per_måned", [3, 6, 17]),
        ("vedt", "vedtak_ø", [0, 1, 2, 3]), ("vø", "vedtak_ø", [0, 7]), ("", "alt", []),
    ])
    func matches(_ query: String, _ text: String, _ expected: [Int]?) {
        #expect(FuzzyMatch.match(query, in: text) == expected, "\(query) in \(text)")
    }
}
