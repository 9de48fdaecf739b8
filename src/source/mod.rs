//! Loading: command-line arguments → [`Source`]s, each the visible text of one input with a map
//! back to the original file.
//!
//! Every later stage works on `Source::text` only, yet every claim must be shown where it stands
//! in the file the user has open. So loading keeps two offset maps (text → decoded file text →
//! file bytes) and a line index, and [`Source::locate`] turns any byte range of the text into
//! exact file offsets, a line and a column. Reading is separated into decoding (`decode`: BOM,
//! invalid UTF-8, UTF-16, binary refusal) and format extraction (`plain`, `markdown`, `html`),
//! each of which reports how its output maps to its input.

mod claims_file;
mod decode;
mod html;
mod map;
mod markdown;
mod plain;

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::claim::{Claim, Location};
pub use claims_file::is_claims_file;
use decode::Encoding;
use map::{LineIndex, OffsetMap};

/// Which role a source plays in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A primary source: what the event's own reporting says.
    Source,
    /// A draft being checked against the sources.
    Draft,
    /// A reference (an official statement, a wire report) the others are measured against.
    Reference,
}

impl Role {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Draft => "draft",
            Role::Reference => "reference",
        }
    }
}

/// How the bytes were interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, taken as it is.
    Text,
    /// CommonMark with tables, footnotes and YAML front matter.
    Markdown,
    /// An HTML page, of which only the visible article text is kept.
    Html,
}

/// Why an input could not be loaded. Each message names the path and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path does not exist.
    #[error("{path}: no such file or directory (check the path; use - to read standard input)")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// Reading failed for another reason (permissions, I/O error).
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file holds a NUL byte near its start, so it is not text.
    #[error(
        "{path}: looks like a binary file (NUL byte at offset {offset}); claimdiff reads text, Markdown and HTML"
    )]
    Binary {
        /// The path as given.
        path: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A directory was given that holds no file claimdiff reads.
    #[error("{path}: directory holds no .txt, .md or .html files")]
    EmptyDirectory {
        /// The directory as given.
        path: String,
    },
    /// A FIFO, socket or device: not opened, since reading it could block or never end.
    #[error(
        "{path}: not a regular file (give a file or a directory; to read a pipe, use - and redirect it)"
    )]
    NotAFile {
        /// The path as given.
        path: String,
    },
    /// The input is larger than the limit; nothing of it was read.
    #[error("{path}: {size} bytes is more than the input limit of {limit} bytes; split the file, or raise the limit with --max-input-size")]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size in bytes (for standard input: at least this).
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A claims file (`*.claims.json`) that is not in the shape `claimdiff extract --format json` prints.
    #[error("{path}:{line}:{column}: not a claims file: {message}; write it in the shape `claimdiff extract --format json` prints")]
    Claims {
        /// The path as given.
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// One loaded input: visible text plus a map back to the original file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path exactly as the user gave it ("-" for stdin; for a file found inside a given
    /// directory, the directory path as given joined with the file name, using '/').
    pub path: String,
    /// The role the source plays in the run.
    pub role: Role,
    /// How the bytes were interpreted.
    pub format: Format,
    /// Visible text. Block boundaries (paragraphs, headings, list items, table cells and rows,
    /// `<br>`) become "\n\n" or "\n"; headings stand alone on their own line followed by a blank
    /// line. Line endings are `\n`.
    pub text: String,
    /// Byte ranges in `text` of headings known from markup (Markdown `#`/setext headings, HTML
    /// h1–h6, `<title>` excluded). Empty for plain text.
    pub headings: Vec<Range<usize>>,
    /// Non-fatal problems, full sentences naming the path.
    pub warnings: Vec<String>,
    /// The publication date as written in the file, unparsed: HTML
    /// `<meta property="article:published_time">` or else the first `<time datetime>`, or the
    /// `date:` of Markdown front matter. `None` for plain text.
    pub published: Option<String>,
    /// Claims given ready-made by a claims file; such a source has no text to read.
    pub preset: Option<Vec<Claim>>,
    /// The file's bytes, kept only when they differ from `decoded` (a BOM, another encoding,
    /// replaced bytes): most files are plain UTF-8 and are held once, not three times.
    original: Option<Vec<u8>>,
    /// Length of the file in bytes.
    original_len: usize,
    encoding: Encoding,
    /// The file decoded, BOM removed, line endings as in the file; `None` when it is `text`
    /// itself (plain text without `\r`).
    decoded: Option<String>,
    /// `text` offsets → `decoded` offsets.
    to_decoded: OffsetMap,
    /// `decoded` offsets → `original` offsets.
    to_original: OffsetMap,
    /// Lines of `decoded`, for line and column numbers.
    lines: LineIndex,
}

impl Source {
    /// Builds a source from bytes already read. Refuses binary data (a NUL byte in the first
    /// 8 KiB of a file that is not UTF-16).
    ///
    /// # Errors
    ///
    /// [`LoadError::Binary`] for binary data; nothing else fails (undecodable bytes become
    /// U+FFFD with a warning).
    pub fn from_bytes(path: &str, role: Role, format: Format, bytes: &[u8]) -> Result<Source, LoadError> {
        if let Some(offset) = decode::binary_offset(bytes) {
            return Err(LoadError::Binary { path: path.to_owned(), offset });
        }
        let decoded = decode::decode(bytes);
        // The bytes are kept apart only when decoding changed them.
        let original = (decoded.text.as_bytes() != bytes).then(|| bytes.to_vec());
        Source::from_decoded(path, role, format, decoded, original, bytes.len())
    }

    /// [`Source::from_bytes`] of bytes the caller owns: UTF-8 without a BOM (most files)
    /// becomes the source's text without a copy, and plain text without carriage returns is
    /// read as it stands.
    ///
    /// # Errors
    ///
    /// As [`Source::from_bytes`].
    pub fn from_owned_bytes(
        path: &str,
        role: Role,
        format: Format,
        bytes: Vec<u8>,
    ) -> Result<Source, LoadError> {
        if let Some(offset) = decode::binary_offset(&bytes) {
            return Err(LoadError::Binary { path: path.to_owned(), offset });
        }
        let original_len = bytes.len();
        // Handed back only when decoding changed them.
        let (decoded, original) = decode::decode_owned(bytes);
        Source::from_decoded(path, role, format, decoded, original, original_len)
    }

    /// A source from its decoded text, the file's bytes when they differ from it, and their
    /// length.
    fn from_decoded(
        path: &str,
        role: Role,
        format: Format,
        decoded: decode::Decoded,
        original: Option<Vec<u8>>,
        original_len: usize,
    ) -> Result<Source, LoadError> {
        let mut warnings = Vec::new();
        if let Some(w) = &decoded.warning {
            warnings.push(format!("{path}: {w}"));
        }
        let lines = LineIndex::new(&decoded.text);
        // `None`: the decoded text is the visible text (plain text without carriage returns).
        let rewritten = match format {
            Format::Text => plain::extract(&decoded.text).map(|(text, map)| (text, map, Vec::new(), None)),
            Format::Markdown => {
                let e = markdown::extract(&decoded.text);
                Some((e.text, e.map, e.headings, e.published))
            }
            Format::Html => {
                let e = html::extract(&decoded.text);
                if let Some(at) = e.unterminated {
                    let (line, column) = lines.line_column(&decoded.text, at);
                    warnings.push(format!(
                        "{path}: the tag at line {line}, column {column} never ends (no closing '>' or quote); \
                         the rest of the file was ignored"
                    ));
                }
                Some((e.text, e.map, e.headings, e.published))
            }
        };
        let (text, to_decoded, headings, published, decoded_text) = match rewritten {
            // No copy of the text is made, and none kept apart.
            None => {
                let to_decoded = OffsetMap::shifted(decoded.text.len(), 0);
                (decoded.text, to_decoded, Vec::new(), None, None)
            }
            Some((text, to_decoded, headings, published)) => {
                if text.trim().is_empty() && !decoded.text.trim().is_empty() {
                    warnings.push(format!("{path}: no visible text found; nothing will be read from it"));
                }
                let decoded_text = (text != decoded.text).then_some(decoded.text);
                (text, to_decoded, headings, published, decoded_text)
            }
        };
        Ok(Source {
            path: path.to_owned(),
            role,
            format,
            text,
            headings,
            warnings,
            published,
            preset: None,
            original,
            original_len,
            encoding: decoded.encoding,
            to_decoded,
            to_original: decoded.map,
            decoded: decoded_text,
            lines,
        })
    }

    /// Maps a byte range of `text` to the original file: byte offsets in the original file bytes
    /// (a UTF-8 BOM counts 3 bytes, an invalid byte sequence its real length), 1-based line and
    /// 1-based column in characters (an invalid sequence counts as one character, a BOM none).
    /// A range inside one text run maps exactly; a replaced run (an HTML entity such as `&amp;`)
    /// maps to the whole of it. Never panics: out-of-range input clamps to the end.
    pub fn locate(&self, range: Range<usize>) -> Location {
        let start = range.start.min(self.text.len());
        let end = range.end.min(self.text.len()).max(start);
        let in_decoded = self.to_decoded.map_range(start..end);
        let in_file = self.to_original.map_range(in_decoded.clone());
        let (line, column) = self.lines.line_column(self.decoded(), in_decoded.start);
        let file_end = self.original_len;
        Location { start: in_file.start.min(file_end), end: in_file.end.min(file_end), line, column }
    }

    /// Builds a source from a claims file (`*.claims.json`): its claims are taken as they are.
    ///
    /// # Errors
    ///
    /// [`LoadError::Claims`] with the position of the first problem.
    pub fn from_claims_file(path: &str, role: Role, bytes: &[u8]) -> Result<Source, LoadError> {
        let text = String::from_utf8_lossy(bytes);
        let claims =
            claims_file::parse(text.trim_start_matches('\u{feff}')).map_err(|(line, column, message)| {
                LoadError::Claims { path: path.to_owned(), line, column, message }
            })?;
        let mut source = Source::from_bytes(path, role, Format::Text, b"")?;
        source.preset = Some(claims);
        Ok(source)
    }

    /// The whole file decoded (BOM removed, line endings as in the file): what markup hides,
    /// such as comments carrying suppressions, is still there.
    pub fn decoded(&self) -> &str {
        self.decoded.as_deref().unwrap_or(&self.text)
    }

    /// Maps a byte range of [`Source::decoded`] to the original file, like [`Source::locate`].
    pub fn locate_decoded(&self, range: Range<usize>) -> Location {
        let decoded = self.decoded();
        let start = range.start.min(decoded.len());
        let end = range.end.min(decoded.len()).max(start);
        let in_file = self.to_original.map_range(start..end);
        let (line, column) = self.lines.line_column(decoded, start);
        let file_end = self.original_len;
        Location { start: in_file.start.min(file_end), end: in_file.end.min(file_end), line, column }
    }

    /// The original file's text of a byte range of the ORIGINAL file (lossy), used to show the
    /// exact source characters. Out-of-range input clamps.
    pub fn original_slice(&self, start: usize, end: usize) -> String {
        let bytes = self.original.as_deref().unwrap_or(self.decoded().as_bytes());
        decode::slice_lossy(bytes, self.encoding, start, end)
    }
}

/// Format from the path's extension: .md/.markdown/.mdown → Markdown, .html/.htm/.xhtml → Html,
/// else Text.
pub fn format_for(path: &str) -> Format {
    let ext = Path::new(path).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown") => Format::Markdown,
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => Format::Text,
    }
}

/// Extensions a directory is searched for.
const DIRECTORY_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// File stems that describe a folder rather than report on an event; skipped when a directory
/// is expanded (a file named on the command line is always read).
const NOT_ARTICLES: [&str; 6] = ["readme", "license", "licence", "changelog", "contributing", "notice"];

/// Whether a file found in a directory is a project document rather than an article.
fn is_project_document(name: &str) -> bool {
    let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name).to_ascii_lowercase();
    NOT_ARTICLES.contains(&stem.as_str())
}

/// Loads one command-line argument: a file, "-" (stdin, read as Text unless it starts with
/// "<!DOCTYPE" or "<html" case-insensitively, then Html), or a directory (its .txt, .md,
/// .markdown, .html, .htm files, recursively, sorted by path bytes; hidden files and directories
/// skipped, and so are README, LICENSE, CHANGELOG, CONTRIBUTING and NOTICE files; a directory
/// with none of them is an error).
///
/// # Errors
///
/// A [`LoadError`] naming the path: missing, unreadable, binary, not a regular file (FIFOs,
/// sockets and devices are refused without being opened), or a directory with nothing to read.
pub fn load(arg: &str, role: Role) -> Result<Vec<Source>, LoadError> {
    load_limited(arg, role, DEFAULT_MAX_INPUT_BYTES)
}

/// The largest input read by default: 256 MiB per file (a source is held in memory with its
/// offset maps, so this bounds memory too).
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Like [`load`], refusing any file (or standard input) larger than `max_bytes` before reading it.
///
/// # Errors
///
/// As [`load`], plus [`LoadError::TooLarge`].
pub fn load_limited(arg: &str, role: Role, max_bytes: u64) -> Result<Vec<Source>, LoadError> {
    use rayon::prelude::*;
    // Files are read and decoded in parallel; `collect` keeps the sorted order.
    list_limited(arg, role, max_bytes)?.into_par_iter().map(Pending::read).collect()
}

/// An input found but not read yet: a file (or standard input, already read) with the path to
/// show and the role it plays. Listing first lets a run read its sources in batches, holding
/// only a batch of texts in memory at a time.
#[derive(Debug)]
pub struct Pending {
    /// The path as it will be shown (see [`Source::path`]).
    pub path: String,
    /// The role the source plays in the run.
    pub role: Role,
    disk: PathBuf,
    max_bytes: u64,
    /// Standard input, read while listing (it can be read only once).
    stdin: Option<Vec<u8>>,
}

/// What makes two inputs the same file (see [`Pending::identity`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    /// A file on disk, by its device and inode: one look at the file, where resolving its path
    /// asks the file system about every part of the path.
    #[cfg(unix)]
    File {
        /// The device that holds it.
        device: u64,
        /// Its number on that device.
        inode: u64,
    },
    /// A file on disk, by its resolved path.
    #[cfg(not(unix))]
    Resolved(PathBuf),
    /// An input with no file behind it (standard input), or one that cannot be found, by the
    /// path shown for it.
    Shown(String),
}

impl Identity {
    /// The identity of the file at `disk`, following links; `None` when it cannot be found.
    #[cfg(unix)]
    fn of_file(disk: &Path) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(disk).ok()?;
        Some(Identity::File { device: meta.dev(), inode: meta.ino() })
    }

    /// The identity of the file at `disk`, following links; `None` when it cannot be found.
    #[cfg(not(unix))]
    fn of_file(disk: &Path) -> Option<Identity> {
        std::fs::canonicalize(disk).ok().map(Identity::Resolved)
    }
}

impl Pending {
    /// What makes two inputs the same file: the file itself on disk ("./a.txt", "a.txt", a link
    /// to it and, on Unix, a hard link are one file), or the shown path when it cannot be found
    /// (standard input).
    pub fn identity(&self) -> Identity {
        if self.stdin.is_some() {
            return Identity::Shown(self.path.clone());
        }
        Identity::of_file(&self.disk).unwrap_or_else(|| Identity::Shown(self.path.clone()))
    }

    /// Reads and decodes the input.
    ///
    /// # Errors
    ///
    /// As [`load`]: unreadable, too large, binary, or a broken claims file.
    pub fn read(self) -> Result<Source, LoadError> {
        self.read_identified().map(|(source, _)| source)
    }

    /// Reads and decodes the input like [`Pending::read`], and tells its [`Identity`] (as
    /// [`Pending::identity`] would) from the open file, with no look at the path of its own.
    ///
    /// # Errors
    ///
    /// As [`Pending::read`].
    pub fn read_identified(mut self) -> Result<(Source, Identity), LoadError> {
        if let Some(bytes) = self.stdin.take() {
            let format = stdin_format(&bytes);
            let source = Source::from_owned_bytes(&self.path, self.role, format, bytes)?;
            return Ok((source, Identity::Shown(self.path)));
        }
        // One open, one look at the open file's size (and identity), then reading to the end:
        // 10,000 small articles cost 10,000 system calls fewer than asking the path for its
        // size first.
        let file = std::fs::File::open(&self.disk).map_err(|e| io_error(&self.path, e))?;
        let meta = file.metadata().map_err(|e| io_error(&self.path, e))?;
        let size = meta.len();
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            Identity::File { device: meta.dev(), inode: meta.ino() }
        };
        #[cfg(not(unix))]
        let identity = Identity::of_file(&self.disk).unwrap_or_else(|| Identity::Shown(self.path.clone()));
        if size > self.max_bytes {
            return Err(LoadError::TooLarge { path: self.path, size, limit: self.max_bytes });
        }
        // The size is known: room for it and one byte more lets two reads see the end. (A
        // `File`'s own `read_to_end` would ask for the size and position again.) A file that
        // grew past the limit since is refused all the same.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
        file.take(self.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(&self.path, e))?;
        let read = bytes.len() as u64;
        if read > self.max_bytes {
            return Err(LoadError::TooLarge { path: self.path, size: read, limit: self.max_bytes });
        }
        let source = if is_claims_file(&self.path) {
            Source::from_claims_file(&self.path, self.role, &bytes)?
        } else {
            Source::from_owned_bytes(&self.path, self.role, format_for(&self.path), bytes)?
        };
        Ok((source, identity))
    }
}

/// Lists what one command-line argument names, as [`load_limited`] would read it, without
/// reading files (standard input is read, since it cannot be read twice).
///
/// # Errors
///
/// As [`load_limited`] for what can be known before reading: missing, not a regular file, a
/// directory with nothing to read, too large, or unreadable standard input.
pub fn list_limited(arg: &str, role: Role, max_bytes: u64) -> Result<Vec<Pending>, LoadError> {
    let too_large = |size: u64| LoadError::TooLarge { path: arg.to_owned(), size, limit: max_bytes };
    let pending = |path: String, disk: PathBuf, stdin| Pending { path, role, disk, max_bytes, stdin };
    if arg == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| LoadError::Io { path: arg.to_owned(), source })?;
        if bytes.len() as u64 > max_bytes {
            return Err(too_large(bytes.len() as u64));
        }
        return Ok(vec![pending(arg.to_owned(), PathBuf::new(), Some(bytes))]);
    }
    // metadata() follows symlinks and does not open the file, so a FIFO is never opened.
    let meta = std::fs::metadata(arg).map_err(|e| io_error(arg, e))?;
    if meta.is_dir() {
        return Ok(list_dir(arg)?.into_iter().map(|(shown, disk)| pending(shown, disk, None)).collect());
    }
    if !meta.is_file() {
        return Err(LoadError::NotAFile { path: arg.to_owned() });
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    Ok(vec![pending(arg.to_owned(), PathBuf::from(arg), None)])
}

fn io_error(path: &str, source: std::io::Error) -> LoadError {
    if source.kind() == std::io::ErrorKind::NotFound {
        LoadError::NotFound { path: path.to_owned() }
    } else {
        LoadError::Io { path: path.to_owned(), source }
    }
}

/// Standard input has no extension: it is HTML when it starts like an HTML document.
fn stdin_format(bytes: &[u8]) -> Format {
    let body = bytes.strip_prefix(decode::UTF8_BOM).unwrap_or(bytes);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = body.get(start..).unwrap_or_default();
    let starts = |p: &[u8]| head.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if starts(b"<!doctype") || starts(b"<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// The readable files under `dir` (shown path, path on disk), sorted by shown path, walking
/// iteratively. Symlinked directories are not followed, so a link loop cannot make the walk
/// endless.
fn list_dir(dir: &str) -> Result<Vec<(String, PathBuf)>, LoadError> {
    let prefix = if dir.ends_with('/') { dir.to_owned() } else { format!("{dir}/") };
    let mut pending: Vec<(PathBuf, String)> = vec![(PathBuf::from(dir), prefix)];
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    while let Some((disk, shown)) = pending.pop() {
        let shown_dir = shown.trim_end_matches('/');
        let shown_dir = if shown_dir.is_empty() { "/" } else { shown_dir };
        let entries = std::fs::read_dir(&disk).map_err(|e| io_error(shown_dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(shown_dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            if is_project_document(&name) && !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let shown_path = format!("{shown}{name}");
            let Ok(file_type) = entry.file_type() else { continue };
            if file_type.is_dir() {
                pending.push((path, format!("{shown_path}/")));
                continue;
            }
            let is_file = if file_type.is_symlink() {
                std::fs::metadata(&path).is_ok_and(|m| m.is_file())
            } else {
                file_type.is_file()
            };
            let ext = Path::new(&name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if is_file
                && (ext.is_some_and(|e| DIRECTORY_EXTENSIONS.contains(&e.as_str())) || is_claims_file(&name))
            {
                files.push((shown_path, path));
            }
        }
    }
    if files.is_empty() {
        return Err(LoadError::EmptyDirectory { path: dir.to_owned() });
    }
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(format: Format, bytes: &[u8]) -> Source {
        match Source::from_bytes("p", Role::Source, format, bytes) {
            Ok(s) => s,
            Err(e) => panic!("load failed: {e}"),
        }
    }

    fn locate_str(s: &Source, needle: &str) -> Location {
        let at = s.text.find(needle).unwrap_or(usize::MAX);
        assert_ne!(at, usize::MAX, "{needle:?} not in {:?}", s.text);
        s.locate(at..at + needle.len())
    }

    fn loc(start: usize, end: usize, line: usize, column: usize) -> Location {
        Location { start, end, line, column }
    }

    #[test]
    fn plain_text_with_bom() {
        let s = src(Format::Text, "\u{FEFF}a 3,744\n".as_bytes());
        assert_eq!(s.text, "a 3,744\n");
        assert_eq!(locate_str(&s, "3,744"), loc(5, 10, 1, 3));
        assert_eq!(s.original_slice(5, 10), "3,744");
        assert!(s.headings.is_empty());
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn crlf_and_lone_cr_lines() {
        let s = src(Format::Text, b"one\r\ntwo 12\r\rfour 34");
        assert_eq!(s.text, "one\ntwo 12\n\nfour 34");
        assert_eq!(locate_str(&s, "12"), loc(9, 11, 2, 5));
        assert_eq!(locate_str(&s, "34"), loc(18, 20, 4, 6));
        assert_eq!(locate_str(&s, "12\n\nfour"), loc(9, 17, 2, 5));
    }

    #[test]
    fn lossy_utf8_warns_once_and_maps_real_bytes() {
        let s = src(Format::Text, b"caf\xE9 3,744 \xFF\xFE 5\n");
        assert_eq!(s.text, "caf\u{FFFD} 3,744 \u{FFFD}\u{FFFD} 5\n");
        assert_eq!(
            s.warnings,
            vec!["p: invalid UTF-8 at byte 3 was replaced with U+FFFD (3 invalid sequences in all; \
                 save the file as UTF-8 to read it exactly)"
                .to_owned()]
        );
        assert_eq!(locate_str(&s, "3,744"), loc(5, 10, 1, 6));
        assert_eq!(locate_str(&s, "5\n"), loc(14, 16, 1, 15));
        assert_eq!(locate_str(&s, "\u{FFFD}"), loc(3, 4, 1, 4));
        assert_eq!(s.original_slice(3, 10), "\u{FFFD} 3,744");
    }

    #[test]
    fn owned_bytes_make_the_source_borrowed_bytes_make() {
        let mut samples: Vec<Vec<u8>> = [
            &b""[..],
            b"The storm killed 20 people.\n",
            b"\xEF\xBB\xBFa 3,744\r\nb\rc\n",
            b"a\xFFb\xE2\x82c\r\n",
            b"\xFF\xFEa\0b\0\r\0\n\0",
            b"\xFE\xFF\0a\0\xD8",
            b"# Title\n\nOn 3 May, 20 people\r\ndied.",
            b"<html><body><h1>Storm</h1><p>20 died &amp; more</p></body></html>",
            b"PK\x03\x04\0\0",
            b"   \n\t\n",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        let mut random = crate::text::test_random(19);
        for _ in 0..200 {
            let len = random(40);
            let alphabet = b"a \r\n\xEF\xBB\xBF\xFF\xFE<>&0";
            samples.push((0..len).map(|_| alphabet[random(alphabet.len())]).collect());
        }
        for bytes in samples {
            for format in [Format::Text, Format::Markdown, Format::Html] {
                let borrowed = format!("{:?}", Source::from_bytes("p", Role::Source, format, &bytes));
                let owned =
                    format!("{:?}", Source::from_owned_bytes("p", Role::Source, format, bytes.clone()));
                assert_eq!(owned, borrowed, "{format:?} {bytes:?}");
            }
        }
    }

    #[test]
    fn binary_is_refused() {
        let err = Source::from_bytes("x.txt", Role::Source, Format::Text, b"PK\x03\x04\0\0").err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some(
                "x.txt: looks like a binary file (NUL byte at offset 4); claimdiff reads text, Markdown and HTML"
            )
        );
    }

    #[test]
    fn utf16_file_locates_in_file_bytes() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "x\r\ny 12".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let s = src(Format::Text, &bytes);
        assert_eq!(s.text, "x\ny 12");
        assert_eq!(locate_str(&s, "12"), loc(12, 16, 2, 3));
        assert_eq!(s.original_slice(12, 16), "12");
    }

    #[test]
    fn markdown_heading_emphasis_link() {
        let s = src(Format::Markdown, b"# Title\n\nPolice *arrested* [3,744](http://x) people.");
        assert_eq!(s.text, "Title\n\nPolice arrested 3,744 people.");
        assert!(s.text.contains("Police arrested 3,744 people."));
        assert_eq!(s.headings, vec![0..5]);
        assert_eq!(locate_str(&s, "3,744"), loc(28, 33, 3, 20));
        assert_eq!(locate_str(&s, "Title"), loc(2, 7, 1, 3));
        assert_eq!(locate_str(&s, "arrested 3,744"), loc(17, 33, 3, 9));
    }

    #[test]
    fn markdown_front_matter_date() {
        let s = src(Format::Markdown, b"---\ndate: 2025-11-22\n---\nQuake: 20 dead.\n");
        assert_eq!(s.published.as_deref(), Some("2025-11-22"));
        assert_eq!(s.text, "Quake: 20 dead.");
        assert_eq!(locate_str(&s, "20"), loc(32, 34, 4, 8));
    }

    #[test]
    fn markdown_with_crlf() {
        let s = src(
            Format::Markdown,
            b"---\r\ndate: '2025-11-22'\r\n---\r\n\r\n## Toll\r\n\r\nAt least\r\n20 dead.\r\n",
        );
        assert_eq!(s.published.as_deref(), Some("2025-11-22"));
        assert_eq!(s.text, "Toll\n\nAt least 20 dead.");
        assert_eq!(s.headings, vec![0..4]);
        assert_eq!(locate_str(&s, "20"), loc(53, 55, 8, 1));
        assert_eq!(locate_str(&s, "least 20"), loc(46, 55, 7, 4));
    }

    /// Every input, any range: no panic, ordered offsets inside the file, and every ASCII letter
    /// or digit of the text located on exactly that character of the file.
    #[test]
    fn arbitrary_input_maps_sanely() {
        const PIECES: [&[u8]; 24] = [
            b"<",
            b">",
            b"&amp;",
            b"&nbsp;",
            b"<p>",
            b"</div>",
            b"\r",
            b"\n",
            b"\r\n",
            b"\xFF",
            b"\xC3\xA9",
            b"*",
            b"# ",
            b"`",
            b"---\n",
            b"[",
            b"](u)",
            b" ",
            b"ab",
            b"7",
            b"<!--",
            b"\"",
            b"<article>",
            b"<script>",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let mut bytes = Vec::new();
            for _ in 0..(next() % 40) {
                bytes.extend_from_slice(PIECES.get((next() % 24) as usize).copied().unwrap_or_default());
            }
            for format in [Format::Text, Format::Markdown, Format::Html] {
                let s = src(format, &bytes);
                for (i, c) in s.text.char_indices() {
                    let l = s.locate(i..i + c.len_utf8());
                    assert!(l.start <= l.end && l.end <= bytes.len() && l.line >= 1 && l.column >= 1);
                    if c.is_ascii_alphanumeric() {
                        assert_eq!(s.original_slice(l.start, l.end), c.to_string(), "{format:?} {bytes:?}");
                    }
                }
                let n = s.text.len();
                for r in [0..n, n / 2..n, 0..n / 3, n..n + 5] {
                    let l = s.locate(r);
                    assert!(l.start <= l.end && l.end <= bytes.len());
                }
            }
        }
    }

    #[test]
    fn html_entity_before_number() {
        let s = src(Format::Html, b"<p>A &amp; B: 3,744</p>");
        assert_eq!(s.text, "A & B: 3,744");
        assert_eq!(locate_str(&s, "3,744"), loc(14, 19, 1, 15));
        assert_eq!(locate_str(&s, "&"), loc(5, 10, 1, 6));
        assert_eq!(s.original_slice(5, 10), "&amp;");
    }

    #[test]
    fn html_drops_chrome_and_prefers_article() {
        let page =
            b"<!doctype html>\n<html><head><script>var n = 99;</script></head>\n<body><nav>Home 1</nav>\n\
            <article>\n<h1>Quake kills 20</h1>\n<p>Rescuers found\n  <b>20</b> bodies.</p></article>\n\
            <footer>(c) 2025</footer></body></html>";
        let s = src(Format::Html, page);
        assert_eq!(s.text, "Quake kills 20\n\nRescuers found 20 bodies.");
        assert_eq!(s.headings, vec![0..14]);
        let at = s.text.rfind("20").unwrap_or(0);
        assert_eq!(s.locate(at..at + 2), loc(145, 147, 7, 6));
        assert_eq!(s.original_slice(145, 147), "20");
    }

    #[test]
    fn html_unterminated_tag_warns() {
        let s = src(Format::Html, b"<p>ok</p>\n<p class=\"x>never");
        assert_eq!(s.text, "ok");
        assert_eq!(
            s.warnings,
            vec!["p: the tag at line 2, column 1 never ends (no closing '>' or quote); \
                  the rest of the file was ignored"
                .to_owned()]
        );
    }

    #[test]
    fn locate_never_panics() {
        let s = src(Format::Text, "\u{e9}t\u{e9}".as_bytes());
        // Off a character boundary: still no panic, the column counts the character begun.
        assert_eq!(s.locate(1..2), loc(1, 2, 1, 2));
        let reversed = std::ops::Range { start: 3, end: 1 };
        assert_eq!(s.locate(reversed), loc(3, 3, 1, 3));
        assert_eq!(s.locate(100..200), loc(5, 5, 1, 4));
        assert_eq!(s.original_slice(100, 3), "");
        let empty = src(Format::Html, b"");
        assert_eq!(empty.locate(0..10), loc(0, 0, 1, 1));
    }

    #[test]
    fn format_from_extension_and_stdin() {
        assert_eq!(format_for("a/b.MD"), Format::Markdown);
        assert_eq!(format_for("x.markdown"), Format::Markdown);
        assert_eq!(format_for("x.mdown"), Format::Markdown);
        assert_eq!(format_for("x.htm"), Format::Html);
        assert_eq!(format_for("x.xhtml"), Format::Html);
        assert_eq!(format_for("x.txt"), Format::Text);
        assert_eq!(format_for("-"), Format::Text);
        assert_eq!(format_for("md"), Format::Text);
        assert_eq!(stdin_format(b"\xEF\xBB\xBF \n<!DOCTYPE html>"), Format::Html);
        assert_eq!(stdin_format(b"<HTML lang=en>"), Format::Html);
        assert_eq!(stdin_format(b"<p>not a document"), Format::Text);
        assert_eq!(stdin_format(b""), Format::Text);
    }

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let dir =
                std::env::temp_dir().join(format!("claimdiff-source-{tag}-{}-{nanos}", std::process::id()));
            let _ = std::fs::create_dir_all(&dir);
            TempDir(dir)
        }

        fn path(&self) -> String {
            self.0.to_string_lossy().into_owned()
        }

        fn write(&self, rel: &str, text: &str) {
            let p = self.0.join(rel);
            if let Some(parent) = p.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(p, text);
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn directory_expansion_sorted_hidden_skipped() {
        let dir = TempDir::new("dir");
        dir.write("b.md", "# B\n");
        dir.write("a.txt", "a\n");
        dir.write("sub/c.html", "<p>c</p>");
        dir.write("Z.HTM", "<p>z</p>");
        dir.write(".hidden.txt", "h\n");
        dir.write(".git/x.txt", "x\n");
        dir.write("notes.pdf", "p\n");
        let d = dir.path();
        let loaded = match load(&d, Role::Reference) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        };
        let paths: Vec<&str> = loaded.iter().map(|s| s.path.as_str()).collect();
        let expected =
            [format!("{d}/Z.HTM"), format!("{d}/a.txt"), format!("{d}/b.md"), format!("{d}/sub/c.html")];
        assert_eq!(paths, expected.iter().map(String::as_str).collect::<Vec<_>>());
        let formats: Vec<Format> = loaded.iter().map(|s| s.format).collect();
        assert_eq!(formats, [Format::Html, Format::Text, Format::Markdown, Format::Html]);
        assert!(loaded.iter().all(|s| s.role == Role::Reference));
        // A trailing slash is not doubled.
        let slashed = load(&format!("{d}/"), Role::Source).map(|v| v.len()).ok();
        assert_eq!(slashed, Some(4));
        assert_eq!(
            load(&format!("{d}/"), Role::Source).ok().and_then(|v| v.first().map(|s| s.path.clone())),
            Some(format!("{d}/Z.HTM"))
        );
    }

    #[test]
    fn empty_directory_is_an_error() {
        let dir = TempDir::new("empty");
        dir.write("notes.pdf", "p\n");
        dir.write(".hidden.md", "# h\n");
        let d = dir.path();
        let msg = load(&d, Role::Source).err().map(|e| e.to_string());
        assert_eq!(msg, Some(format!("{d}: directory holds no .txt, .md or .html files")));
    }

    #[test]
    fn single_file_loads_with_format() {
        let dir = TempDir::new("file");
        dir.write("story.md", "Police arrested *3,744*.\n");
        let p = format!("{}/story.md", dir.path());
        let loaded = load(&p, Role::Draft).unwrap_or_default();
        assert_eq!(loaded.len(), 1);
        let s = loaded.first();
        assert_eq!(s.map(|s| s.text.as_str()), Some("Police arrested 3,744."));
        assert_eq!(s.map(|s| (s.path.clone(), s.format, s.role)), Some((p, Format::Markdown, Role::Draft)));
    }

    #[test]
    fn missing_path_message() {
        let msg = load("no/such/file.txt", Role::Source).err().map(|e| e.to_string());
        assert_eq!(
            msg.as_deref(),
            Some(
                "no/such/file.txt: no such file or directory (check the path; use - to read standard input)"
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifo_is_refused_without_opening() {
        let dir = TempDir::new("fifo");
        let fifo = dir.0.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // mkfifo missing: nothing to test on this system.
        }
        let p = fifo.to_string_lossy().into_owned();
        let msg = load(&p, Role::Source).err().map(|e| e.to_string());
        assert_eq!(
            msg,
            Some(format!(
                "{p}: not a regular file (give a file or a directory; to read a pipe, use - and redirect it)"
            ))
        );
        // Inside a directory, a FIFO is skipped rather than opened.
        dir.write("a.txt", "a\n");
        assert_eq!(load(&dir.path(), Role::Source).map(|v| v.len()).ok(), Some(1));
    }
}
