//! The table of `extract`, built a source at a time.
//!
//! A table needs every row before it can size its columns, so `extract` used to keep every claim
//! of a run and hand them all to comfy-table at the end: for 10,000 articles that was 650 MB of
//! memory and three seconds on one core. Here each source's rows are rendered to text on the
//! worker that read it ([`ClaimRows::of`]), the claims themselves are let go, and the columns'
//! widths are kept as rows arrive; the table is then drawn in one pass. The drawing is comfy-table's
//! (the same borders, padding and display widths, measured with the same `unicode-width`), and
//! where a row could come out differently (a cell of several lines, or one wider than comfy-table
//! measures) the rows go to comfy-table itself. The tests compare the two.

use comfy_table::Table;
use unicode_width::UnicodeWidthStr;

use super::sanitize::{for_terminal, for_terminal_into, is_printable_ascii};
use crate::claim::Claim;

/// The columns of the table.
const HEADER: [&str; COLUMNS] = ["location", "field", "kind", "text", "value", "scope"];
const COLUMNS: usize = 6;

/// The field cell of a claim no field took.
const NO_FIELD: &str = "—";

/// How many columns [`NO_FIELD`] takes (an em dash: one; a test holds it to its measure).
const NO_FIELD_WIDTH: usize = 1;

/// Rows drawn into one piece of text (about 64 KB of news claims).
const PIECE_ROWS: usize = 512;

/// Pieces drawn at once, on every core, before they are written out in order: the table is
/// drawn only once every row is read, so without this one core would draw it alone while the
/// others wait.
const PIECES_AT_ONCE: usize = 16;

/// Widths past this are measured by comfy-table in 16 bits; such a table is left to it.
const WIDEST: usize = u16::MAX as usize - 1;

/// Rendered rows of the claims table: every cell's text, back to back, with where each ends
/// and how wide it shows.
#[derive(Debug, Default)]
pub struct ClaimRows {
    text: String,
    /// Where each cell ends in `text`, [`COLUMNS`] per row.
    ends: Vec<usize>,
    /// How many terminal columns each cell takes, up to `u16::MAX` (a table with a wider cell
    /// is comfy-table's, which measures its own).
    widths: Vec<u16>,
    /// The widest cell of each column so far.
    widest: [usize; COLUMNS],
    /// Whether a cell holds a line break (drawn by comfy-table then).
    multiline: bool,
    claims: usize,
    fielded: usize,
}

impl ClaimRows {
    /// The rows of `claims`, all from the source at `path`.
    pub fn of(claims: &[Claim], path: &str) -> ClaimRows {
        let path = for_terminal(path);
        // Room for what a row of news text takes (its location, kind, a short text and value),
        // so that the rows of a source are not grown from empty a reallocation at a time.
        let mut rows = ClaimRows {
            text: String::with_capacity(claims.len() * (path.len() + 64)),
            ends: Vec::with_capacity(claims.len() * COLUMNS),
            widths: Vec::with_capacity(claims.len() * COLUMNS),
            ..ClaimRows::default()
        };
        // Asked once for the source, not at every row.
        let printable = is_printable_ascii(&path);
        for claim in claims {
            rows.push(claim, &path, printable);
        }
        rows
    }

    /// The rows of `claims`, each from its source in `paths` (by index).
    pub fn of_run(claims: &[Claim], paths: &[&str]) -> ClaimRows {
        let mut rows = ClaimRows::default();
        for claim in claims {
            let path = for_terminal(paths.get(claim.source).copied().unwrap_or(""));
            rows.push(claim, &path, is_printable_ascii(&path));
        }
        rows
    }

    /// Adds the row of `claim`, read from the source at `path` (made safe for a terminal);
    /// `path_printable` says whether `path` is printable ASCII.
    fn push(&mut self, claim: &Claim, path: &str, path_printable: bool) {
        let mut digits = itoa::Buffer::new();
        let location_start = self.text.len();
        self.text.push_str(path);
        self.text.push(':');
        self.text.push_str(digits.format(claim.location.line));
        self.text.push(':');
        self.text.push_str(digits.format(claim.location.column));
        // Most paths are printable ASCII, and so is what follows them: a column a byte, known
        // without reading the cell again.
        if path_printable {
            self.end_cell_of_width(self.text.len() - location_start);
        } else {
            self.end_cell();
        }
        match claim.field.as_deref() {
            Some(field) => {
                self.text.push_str(field);
                self.end_cell();
            }
            None => {
                self.text.push_str(NO_FIELD);
                self.end_cell_of_width(NO_FIELD_WIDTH);
            }
        }
        // A kind's name is lowercase ASCII.
        self.text.push_str(claim.kind.as_str());
        self.end_cell_of_width(claim.kind.as_str().len());
        for_terminal_into(&mut self.text, &claim.text);
        self.end_cell();
        // The value is written in place, and made safe for a terminal only when it must be.
        let start = self.text.len();
        claim.value.display_into(&mut self.text);
        if !self.text.get(start..).is_some_and(is_printable_ascii) {
            let shown = self.text.split_off(start);
            for_terminal_into(&mut self.text, &shown);
        }
        self.end_cell();
        if let Some(scope) = &claim.scope {
            for_terminal_into(&mut self.text, &scope.label);
        }
        self.end_cell();
        self.claims += 1;
        self.fielded += usize::from(claim.field.is_some());
    }

    /// Closes the cell that runs from the end of the last one to the end of `text`.
    fn end_cell(&mut self) {
        let start = self.ends.last().copied().unwrap_or(0);
        let cell = self.text.get(start..).unwrap_or("");
        // Printable ASCII takes a column a byte and holds no line break.
        let width = if is_printable_ascii(cell) {
            cell.len()
        } else {
            self.multiline |= cell.contains('\n');
            cell.width()
        };
        self.end_cell_of_width(width);
    }

    /// Closes the cell like [`ClaimRows::end_cell`], when it is known to hold no line break
    /// and to take `width` columns.
    fn end_cell_of_width(&mut self, width: usize) {
        if let Some(widest) = self.widest.get_mut(self.ends.len() % COLUMNS) {
            *widest = (*widest).max(width);
        }
        self.ends.push(self.text.len());
        self.widths.push(u16::try_from(width).unwrap_or(u16::MAX));
    }

    /// Adds `other`'s rows after these.
    pub fn append(&mut self, other: ClaimRows) {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| end + offset));
        self.widths.extend(other.widths);
        for (widest, theirs) in self.widest.iter_mut().zip(other.widest) {
            *widest = (*widest).max(theirs);
        }
        self.multiline |= other.multiline;
        self.claims += other.claims;
        self.fielded += other.fielded;
    }

    /// How many claims the rows hold.
    pub fn len(&self) -> usize {
        self.claims
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.claims == 0
    }

    /// The cells of each row.
    fn rows(&self) -> impl Iterator<Item = impl Iterator<Item = (&str, usize)>> {
        (0..self.ends.len() / COLUMNS).map(|row| self.row(row))
    }

    /// The cells of row `row` (from 0), each with how wide it shows.
    fn row(&self, row: usize) -> impl Iterator<Item = (&str, usize)> {
        let cells = row * COLUMNS..(row + 1) * COLUMNS;
        let ends = self.ends.get(cells.clone()).unwrap_or_default();
        let widths = self.widths.get(cells).unwrap_or_default();
        let first = if row == 0 { 0 } else { self.ends.get(row * COLUMNS - 1).copied().unwrap_or(0) };
        let starts = std::iter::once(first).chain(ends.iter().copied());
        starts
            .zip(ends.iter().copied())
            .zip(widths.iter().copied())
            .map(|((start, end), width)| (self.text.get(start..end).unwrap_or(""), usize::from(width)))
    }

    /// The table of `extract` for a run of `sources` sources, with the line that counts them.
    pub fn render(&self, sources: usize) -> String {
        let mut out = Vec::new();
        // Writing into a vector cannot fail.
        let _ = self.write_to(&mut out, sources);
        super::text_of(out)
    }

    /// Writes what [`ClaimRows::render`] gives to `out`, a piece at a time: the table of a large
    /// run is never held whole in memory beside its rows.
    ///
    /// # Errors
    ///
    /// When `out` refuses a write.
    pub fn write_to(&self, out: &mut dyn std::io::Write, sources: usize) -> std::io::Result<()> {
        if self.is_empty() {
            out.write_all(b"No claims found.\n")?;
        } else if self.multiline || self.widest.iter().any(|&w| w > WIDEST) {
            out.write_all(format!("{}\n", self.comfy_table()).as_bytes())?;
        } else {
            self.draw(out)?;
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let count = format!(
            "\n{} claim{}, {} with a field, from {} source{}\n",
            self.claims,
            plural(self.claims),
            self.fielded,
            sources,
            plural(sources)
        );
        out.write_all(count.as_bytes())
    }

    /// Draws the table in comfy-table's `UTF8_FULL_CONDENSED` layout, line break included.
    fn draw(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use rayon::prelude::*;
        let mut widths = self.widest;
        for (width, name) in widths.iter_mut().zip(HEADER) {
            // A column is at least one character wide, and as wide as its name.
            *width = (*width).max(name.width()).max(1);
        }
        let border = |text: &mut String, left: char, line: char, cross: char, right: char| {
            text.push(left);
            for (k, width) in widths.iter().enumerate() {
                if k > 0 {
                    text.push(cross);
                }
                text.extend(std::iter::repeat_n(line, width + 2));
            }
            text.push(right);
            text.push('\n');
        };
        let mut text = String::new();
        border(&mut text, '┌', '─', '┬', '┐');
        let header = HEADER.iter().map(|name| (*name, name.width()));
        push_row(&mut text, header, &widths);
        border(&mut text, '╞', '═', '╪', '╡');
        out.write_all(text.as_bytes())?;
        let rows = self.ends.len() / COLUMNS;
        let pieces = rows.div_ceil(PIECE_ROWS);
        for first in (0..pieces).step_by(PIECES_AT_ONCE) {
            let drawn: Vec<String> = (first..pieces.min(first + PIECES_AT_ONCE))
                .into_par_iter()
                .map(|piece| {
                    let mut text = String::with_capacity(PIECE_ROWS * 128);
                    for row in piece * PIECE_ROWS..rows.min((piece + 1) * PIECE_ROWS) {
                        push_row(&mut text, self.row(row), &widths);
                    }
                    text
                })
                .collect();
            for text in drawn {
                out.write_all(text.as_bytes())?;
            }
        }
        text.clear();
        border(&mut text, '└', '─', '┴', '┘');
        out.write_all(text.as_bytes())
    }

    /// The same table from comfy-table, for rows this module does not draw itself.
    fn comfy_table(&self) -> Table {
        let mut table = super::table::new_table();
        table.set_header(HEADER.to_vec());
        for row in self.rows() {
            table.add_row(row.map(|(cell, _)| cell.to_string()).collect::<Vec<_>>());
        }
        table
    }
}

/// One line of the table: each cell padded to its column, between the borders.
fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = (&'a str, usize)>, widths: &[usize; COLUMNS]) {
    out.push('│');
    for (k, ((cell, width), column)) in cells.zip(widths).enumerate() {
        if k > 0 {
            out.push('┆');
        }
        out.push(' ');
        out.push_str(cell);
        push_spaces(out, column.saturating_sub(width) + 1);
    }
    out.push_str("│\n");
}

/// Appends `count` spaces, a slice at a time rather than a character at a time.
fn push_spaces(out: &mut String, count: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = count;
    while left > 0 {
        let now = left.min(SPACES.len());
        out.push_str(SPACES.get(..now).unwrap_or_default());
        left -= now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Kind, Location, Scope, ScopeKind, Value};

    fn claim(source: usize, field: Option<&str>, text: &str, scope: Option<&str>) -> Claim {
        Claim {
            source,
            field: field.map(Into::into),
            kind: Kind::Person,
            text: text.to_string(),
            value: Value::Name(text.to_string()),
            location: Location { start: 1, end: 2, line: 3, column: 40 },
            sentence: text.into(),
            scope: scope.map(|label| Scope { kind: ScopeKind::Place, label: label.to_string() }),
            in_heading: false,
        }
    }

    /// The table as comfy-table draws the same cells (what `extract` printed before this module).
    fn comfy(claims: &[Claim], paths: &[&str]) -> String {
        let rows = ClaimRows::of_run(claims, paths);
        if rows.is_empty() {
            return rows.render(paths.len());
        }
        let mut out = format!("{}\n", rows.comfy_table());
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        out.push_str(&format!(
            "\n{} claim{}, {} with a field, from {} source{}\n",
            rows.claims,
            plural(rows.claims),
            rows.fielded,
            paths.len(),
            plural(paths.len())
        ));
        out
    }

    #[test]
    fn drawn_tables_are_comfy_tables() {
        let paths = ["a.txt", "dir/Zürich 東京.md"];
        let cases: Vec<Vec<Claim>> = vec![
            vec![],
            vec![claim(0, Some("arrests"), "3,744", None)],
            vec![claim(0, None, "x", Some("in Syria")), claim(1, Some("k"), "Jürgen Stock", None)],
            // Wide and zero-width characters, combining marks, emoji, a tab (shown as a space).
            vec![
                claim(1, Some("secretary_general"), "習近平 and 👩‍👩‍👧 e\u{301}", Some("東京")),
                claim(0, None, "tab\there\u{200b}", None),
                claim(0, Some("f"), "", Some("")),
            ],
        ];
        for claims in cases {
            let mut rows = ClaimRows::default();
            // Rows arrive a source at a time, as `extract` gathers them.
            for (index, path) in paths.iter().enumerate() {
                let mine: Vec<Claim> = claims.iter().filter(|c| c.source == index).cloned().collect();
                rows.append(ClaimRows::of(&mine, path));
            }
            let mut in_order = claims.clone();
            in_order.sort_by_key(|c| c.source);
            assert_eq!(rows.render(paths.len()), comfy(&in_order, &paths));
        }
    }

    #[test]
    fn a_table_drawn_in_pieces_on_every_core_is_comfy_tables() {
        // More rows than one round of pieces holds, ending inside a piece, with a widest cell
        // deep in the last round, so that every piece must use the table's widths.
        let rows_wanted = PIECE_ROWS * (PIECES_AT_ONCE + 1) + 7;
        let paths = ["a.txt", "b.txt"];
        let mut claims: Vec<Claim> = (0..rows_wanted)
            .map(|k| claim(k % 2, (k % 3 == 0).then_some("deaths"), &format!("{k}"), None))
            .collect();
        if let Some(last) = claims.last_mut() {
            *last =
                claim(last.source, Some("secretary_general"), "Valdecy Urquiza, Jürgen Stock", Some("東京"));
        }
        let mut rows = ClaimRows::default();
        for (index, path) in paths.iter().enumerate() {
            let mine: Vec<Claim> = claims.iter().filter(|c| c.source == index).cloned().collect();
            rows.append(ClaimRows::of(&mine, path));
        }
        claims.sort_by_key(|c| c.source);
        let drawn = rows.render(paths.len());
        assert_eq!(drawn.lines().count(), rows_wanted + 4 + 2);
        assert_eq!(drawn, comfy(&claims, &paths));
    }

    #[test]
    fn cells_of_known_width_are_as_wide_as_measured() {
        assert_eq!(NO_FIELD.width(), NO_FIELD_WIDTH);
        assert!(!NO_FIELD.contains('\n'));
        // Every row of a run from printable and other paths, fielded or not, is as wide as
        // measuring each cell makes it.
        let claims =
            [claim(0, None, "a", None), claim(1, Some("deaths"), "b", None), claim(2, None, "c", None)];
        let rows = ClaimRows::of_run(&claims, &["a.txt", "dir/Zürich 東京.md", "tab\there.txt"]);
        for (row, cells) in rows.rows().enumerate() {
            for (column, (cell, width)) in cells.enumerate() {
                let measured = if is_printable_ascii(cell) { cell.len() } else { cell.width() };
                assert_eq!(width, measured, "row {row}, column {column}: {cell:?}");
            }
        }
    }

    #[test]
    fn a_cell_of_several_lines_goes_to_comfy_table() {
        // Field names are not escaped for the terminal; one with a line break is drawn by
        // comfy-table, whose rows then take two lines.
        let claims = [claim(0, Some("two\nlines"), "a", None)];
        let rows = ClaimRows::of(&claims, "a.txt");
        assert!(rows.multiline);
        let table = rows.render(1);
        assert_eq!(table, comfy(&claims, &["a.txt"]));
        assert!(table.contains("┆ two "), "{table}");
        assert!(table.contains("┆ lines "), "{table}");
    }

    #[test]
    fn the_drawn_table_has_the_layout_of_the_old_one() {
        let table = ClaimRows::of(&[claim(0, Some("arrests"), "3,744", None)], "a.txt").render(1);
        assert_eq!(
            table,
            "┌────────────┬─────────┬────────┬───────┬───────┬───────┐\n\
             │ location   ┆ field   ┆ kind   ┆ text  ┆ value ┆ scope │\n\
             ╞════════════╪═════════╪════════╪═══════╪═══════╪═══════╡\n\
             │ a.txt:3:40 ┆ arrests ┆ person ┆ 3,744 ┆ 3,744 ┆       │\n\
             └────────────┴─────────┴────────┴───────┴───────┴───────┘\n\
             \n\
             1 claim, 1 with a field, from 1 source\n"
        );
    }
}
