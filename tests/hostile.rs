//! Hostile and broken inputs, end to end: each case asserts the exact message and exit status.
//! Large inputs are generated in a temporary directory at test time, never committed.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout, clippy::indexing_slicing)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("claimdiff-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// `count` one-sentence articles `many/a000.txt`, … (`digits` wide), article `i` stating
    /// `100 + i` arrests and then `tail`; returns their paths relative to the directory.
    fn write_articles(&self, count: usize, digits: usize, tail: &str) -> Vec<String> {
        std::fs::create_dir_all(self.0.join("many")).expect("many/");
        (0..count)
            .map(|i| {
                let name = format!("many/a{i:0digits$}.txt");
                self.write(&name, format!("Police arrested {} suspects{tail}.\n", 100 + i).as_bytes());
                name
            })
            .collect()
    }
}

/// Runs claimdiff in `dir`, reads the first line of its output, then closes the pipe like
/// `| head -1`; returns the line and how the process ended.
fn first_line_then_close(dir: &Path, args: &[&str]) -> (String, std::process::Output) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimdiff runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).expect("one line");
    // `stdout` is dropped here: the pipe is closed.
    (first, child.wait_with_output().expect("exits"))
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("claimdiff runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const ARTICLE: &[u8] = b"The storm killed 20 people.\n";

#[test]
fn empty_and_whitespace_only_files_have_nothing_to_compare() {
    let tmp = TempDir::new("empty");
    tmp.write("empty.txt", b"");
    tmp.write("blank.txt", b"  \n\t\n   \n");
    let (stdout, stderr, status) = run(&tmp.0, &["check", "--isolated", "empty.txt", "blank.txt"]);
    assert_eq!(status, 0);
    assert_eq!(stderr, "");
    assert!(stdout.starts_with("No field was stated by the sources (nothing to compare).\n"), "{stdout}");
    assert!(stdout.ends_with("2 sources, 0 fields: 0 conflicts, 0 agree, 0 one-sided\n"), "{stdout}");
}

#[test]
fn utf16_with_a_bom_is_decoded_not_refused() {
    let tmp = TempDir::new("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "The storm killed 22 people.\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    tmp.write("utf16.txt", &bytes);
    tmp.write("utf8.txt", ARTICLE);
    let (stdout, _, status) = run(&tmp.0, &["check", "--isolated", "utf16.txt", "utf8.txt"]);
    assert_eq!(status, 1);
    assert!(stdout.contains("utf16.txt:1:18  \"22\""), "{stdout}");
}

#[test]
fn inputs_over_the_limit_are_refused_unread() {
    let tmp = TempDir::new("huge");
    // A sparse 1 GiB file: refused by its size before any of it is read.
    let file = std::fs::File::create(tmp.0.join("huge.txt")).expect("create");
    file.set_len(1 << 30).expect("sparse file");
    drop(file);
    tmp.write("small.txt", ARTICLE);
    let (_, stderr, status) = run(&tmp.0, &["check", "--isolated", "huge.txt", "small.txt"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "claimdiff: error: huge.txt: 1073741824 bytes is more than the input limit of 268435456 bytes; split the file, or raise the limit with --max-input-size\n"
    );
    let (_, stderr, status) =
        run(&tmp.0, &["check", "--isolated", "--max-input-size", "10", "small.txt", "small.txt"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "claimdiff: error: small.txt: 28 bytes is more than the input limit of 10 bytes; split the file, or raise the limit with --max-input-size\n"
    );
}

#[test]
fn a_long_single_line_is_read_with_exact_positions() {
    let tmp = TempDir::new("one-line");
    // 8 MB on one line, a figure near the end: positions stay exact far into a line.
    let mut text = "filler words and more words ".repeat(300_000).into_bytes();
    text.extend_from_slice(b"The storm killed 20 people.");
    let column = text.len() - "20 people.".len() + 1;
    tmp.write("long.txt", &text);
    tmp.write("short.txt", b"The storm killed 21 people.\n");
    let (stdout, _, status) = run(&tmp.0, &["check", "--isolated", "long.txt", "short.txt"]);
    assert_eq!(status, 1);
    assert!(
        stdout.contains(&format!("long.txt:1:{column}  \"20\"")),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
}

#[test]
fn deeply_nested_html_does_not_overflow_the_stack() {
    let tmp = TempDir::new("nested");
    let mut html = "<div>".repeat(100_000);
    html.push_str("<p>The storm killed 20 people.</p>");
    html.push_str(&"</div>".repeat(100_000));
    tmp.write("deep.html", html.as_bytes());
    tmp.write("plain.txt", ARTICLE);
    let (stdout, stderr, status) = run(&tmp.0, &["check", "--isolated", "deep.html", "plain.txt"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(stdout.contains("│ deaths ┆ 20   ┆ 20    ┆ agree   │"), "{stdout}");
}

#[test]
fn a_markdown_table_of_megabytes_is_read() {
    let tmp = TempDir::new("table");
    let mut md = String::from("| town | dead |\n|---|---|\n");
    for i in 0..100_000 {
        md.push_str(&format!("| Town {i} | {} |\n", i % 7));
    }
    md.push_str("\nThe storm killed 20 people.\n");
    tmp.write("big.md", md.as_bytes());
    tmp.write("plain.txt", ARTICLE);
    // Extracting every claim, 200,000 table figures pass the claim limit: said, and the
    // fielded claim is still kept.
    let (stdout, stderr, status) =
        run(&tmp.0, &["extract", "--isolated", "--format", "json-lines", "big.md", "plain.txt"]);
    assert_eq!(
        (status, stderr.as_str()),
        (
            0,
            "claimdiff: warning: big.md: 199400 claims read; only 100000 are used, those with a field first (raise the limit with --max-claims)\n"
        )
    );
    assert!(
        stdout.contains(r#""field":"deaths","kind":"count","text":"20""#),
        "{}",
        stdout.chars().take(300).collect::<String>()
    );
    // Checking reads only the sentences around cues: the table holds none, so nothing is dropped.
    let (stdout, stderr, status) = run(&tmp.0, &["check", "--isolated", "big.md", "plain.txt"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(stdout.ends_with("2 sources, 1 field: 0 conflicts, 1 agree, 0 one-sided\n"), "{stdout}");
}

#[test]
fn the_same_file_twice_is_read_once() {
    let tmp = TempDir::new("twice");
    tmp.write("a.txt", ARTICLE);
    let (stdout, stderr, status) = run(&tmp.0, &["check", "--isolated", "a.txt", "a.txt"]);
    assert_eq!(status, 0);
    assert_eq!(
        stderr,
        "claimdiff: warning: a.txt: given more than once; read once\nclaimdiff: warning: only 1 source was given; give two or more articles to compare\n"
    );
    assert!(stdout.ends_with("1 source, 1 field: 0 conflicts, 0 agree, 1 one-sided\n"), "{stdout}");
    // The same file by another path, and inside a directory given too: still one file.
    std::fs::create_dir_all(tmp.0.join("d")).unwrap();
    tmp.write("d/b.txt", ARTICLE);
    let (_, stderr, status) = run(&tmp.0, &["check", "--isolated", "d", "./d/b.txt", "d/../a.txt", "a.txt"]);
    assert_eq!(status, 0);
    assert_eq!(
        stderr,
        "claimdiff: warning: ./d/b.txt: given more than once; read once\nclaimdiff: warning: a.txt: given more than once; read once\n"
    );
}

#[test]
fn a_file_given_twice_leaves_the_sources_after_it_as_they_were() {
    let tmp = TempDir::new("twice-before");
    tmp.write("a.txt", ARTICLE);
    tmp.write("b.txt", b"The storm killed 25 people.\n");
    tmp.write("c.txt", b"The storm killed 30 people.\n");
    tmp.write(
        "s.txt",
        b"# claimdiff: ignore deaths -- counted at the scene by our reporter\nThe storm killed 25 people.\n",
    );
    // The second a.txt is read beside the others and then left out: the sources after it are
    // the run's second and third all the same, with their claims and (in s.txt, last)
    // suppressions.
    for (others, status_once) in [(["b.txt", "c.txt"], 1), (["b.txt", "s.txt"], 0)] {
        let once: Vec<&str> =
            ["check", "--isolated", "--format", "json", "a.txt"].into_iter().chain(others).collect();
        let (expected, stderr, status) = run(&tmp.0, &once);
        assert_eq!((status, stderr.as_str()), (status_once, ""));
        let twice: Vec<&str> = once.iter().copied().take(5).chain(["a.txt"]).chain(others).collect();
        let (stdout, stderr, status) = run(&tmp.0, &twice);
        assert_eq!(stderr, "claimdiff: warning: a.txt: given more than once; read once\n");
        assert_eq!((status, stdout), (status_once, expected));
    }
    let (stdout, _, status) = run(&tmp.0, &["check", "--isolated", "a.txt", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(status, 1);
    assert!(stdout.contains("  c  c.txt:1:18  \"30\"\n"), "{stdout}");
    assert!(stdout.ends_with("3 sources, 1 field: 1 conflict, 0 agree, 0 one-sided\n"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_hard_link_is_the_file_it_links() {
    let tmp = TempDir::new("hardlink");
    tmp.write("a.txt", ARTICLE);
    tmp.write("c.txt", ARTICLE);
    std::fs::hard_link(tmp.0.join("a.txt"), tmp.0.join("b.txt")).unwrap();
    // Two names of one file are one source; a copy with the same text is another.
    let (stdout, stderr, status) = run(&tmp.0, &["check", "--isolated", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(status, 0);
    assert_eq!(stderr, "claimdiff: warning: b.txt: given more than once; read once\n");
    assert!(stdout.ends_with("2 sources, 1 field: 0 conflicts, 1 agree, 0 one-sided\n"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn links_in_and_to_directories_are_the_files_they_lead_to() {
    let tmp = TempDir::new("links");
    tmp.write("a.txt", ARTICLE);
    std::fs::create_dir_all(tmp.0.join("d")).unwrap();
    tmp.write("d/b.txt", ARTICLE);
    std::os::unix::fs::symlink("../a.txt", tmp.0.join("d/link.txt")).unwrap();
    std::os::unix::fs::symlink("d", tmp.0.join("dl")).unwrap();
    // A link inside a listed directory is the file it leads to; a directory given by a link
    // lists the same files as the directory itself.
    let (_, stderr, status) = run(&tmp.0, &["check", "--isolated", "a.txt", "d", "dl/b.txt", "dl"]);
    assert_eq!(status, 0);
    assert_eq!(
        stderr,
        "claimdiff: warning: d/link.txt: given more than once; read once\n\
         claimdiff: warning: dl/b.txt: given more than once; read once\n\
         claimdiff: warning: dl/b.txt: given more than once; read once\n\
         claimdiff: warning: dl/link.txt: given more than once; read once\n"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_being_opened() {
    let tmp = TempDir::new("fifo");
    let made = Command::new("mkfifo").arg(tmp.0.join("pipe.txt")).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    tmp.write("a.txt", ARTICLE);
    let (_, stderr, status) = run(&tmp.0, &["check", "--isolated", "pipe.txt", "a.txt"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "claimdiff: error: pipe.txt: not a regular file (give a file or a directory; to read a pipe, use - and redirect it)\n"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new("unreadable");
    let path = tmp.write("secret.txt", ARTICLE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        println!(
            "skipped: running as a user who can read any file (root), so unreadable files cannot be made"
        );
        return;
    }
    tmp.write("a.txt", ARTICLE);
    let (_, stderr, status) = run(&tmp.0, &["check", "--isolated", "secret.txt", "a.txt"]);
    assert_eq!(status, 2);
    assert_eq!(stderr, "claimdiff: error: secret.txt: cannot read: Permission denied (os error 13)\n");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/police-operation");
    let examples = examples.to_str().expect("a UTF-8 path");
    let (first, out) = first_line_then_close(
        Path::new("."),
        &["check", "--isolated", "--fail-on", "never", "--format", "json", examples],
    );
    assert_eq!(first, "{\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn inputs_are_never_modified() {
    let tmp = TempDir::new("untouched");
    let a = tmp.write("a.txt", ARTICLE);
    let b = tmp.write("b.md", b"# T\n\nThe storm killed 22 people.\n");
    let before = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let _ = run(&tmp.0, &["check", "--isolated", "a.txt", "b.md"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(["extract", "--isolated", "-"])
        .current_dir(&tmp.0)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(ARTICLE).expect("feeds");
    assert!(child.wait().expect("exits").success());
    assert_eq!((std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()), before);
    let names: Vec<String> = std::fs::read_dir(&tmp.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing written beside the inputs: {names:?}");
}

/// `extract` writes JSON and JSON lines a batch of sources at a time; across batch boundaries
/// the bytes are those of each file read alone, in path order.
#[test]
fn extract_streams_across_batches_with_the_same_bytes() {
    let tmp = TempDir::new("stream");
    let names = tmp.write_articles(300, 3, " on 3 May 2025");
    let (whole, stderr, status) = run(&tmp.0, &["extract", "--isolated", "--format", "json-lines", "many"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    let mut one_by_one = String::new();
    for name in &names {
        one_by_one.push_str(&run(&tmp.0, &["extract", "--isolated", "--format", "json-lines", name]).0);
    }
    assert_eq!(whole.lines().count(), 600);
    assert_eq!(whole, one_by_one);
    let (json, _, status) = run(&tmp.0, &["extract", "--isolated", "--format", "json", "many"]);
    assert_eq!(status, 0);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let claims = parsed["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 600);
    assert_eq!(claims[599]["source"], "many/a299.txt");
    assert_eq!(claims[598]["text"], "399");
    let (json, _, _) =
        run(&tmp.0, &["extract", "--isolated", "--format", "json", "many/a000.txt", "many/a001.txt"]);
    assert!(
        json.starts_with(
            "{\n  \"version\": 1,\n  \"claims\": [\n    {\n      \"source\": \"many/a000.txt\","
        ),
        "{json}"
    );
    assert!(json.ends_with("\n    }\n  ]\n}\n"), "{json}");
}

/// A reader that stops early while claims are still being streamed: status 0, nothing on stderr.
#[test]
fn a_reader_that_stops_a_stream_early_is_not_an_error() {
    let tmp = TempDir::new("stream-head");
    tmp.write_articles(1500, 4, "");
    let (first, out) =
        first_line_then_close(&tmp.0, &["extract", "--isolated", "--format", "json-lines", "many"]);
    assert!(first.starts_with("{\"source\":\"many/a0000.txt\""), "{first}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A file that cannot be read late in a streamed run: what was written stays, the error names
/// the file, and the status is 2.
#[test]
fn a_bad_file_late_in_a_stream_ends_it_with_status_2() {
    let tmp = TempDir::new("stream-bad");
    tmp.write_articles(300, 3, "");
    tmp.write("many/a280.txt", b"PK\x03\x04\0\0binary");
    let (stdout, stderr, status) = run(&tmp.0, &["extract", "--isolated", "--format", "json-lines", "many"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "claimdiff: error: many/a280.txt: looks like a binary file (NUL byte at offset 4); claimdiff reads text, Markdown and HTML\n"
    );
    // The first batch (256 sources) was written before the bad file was reached.
    assert_eq!(stdout.lines().count(), 256);
    assert!(stdout.lines().last().unwrap().starts_with("{\"source\":\"many/a255.txt\""));
}

/// A 3.2 MB line without sentence punctuation: read in bounded pieces (no quadratic work per
/// figure, no sentence of megabytes copied into each claim), the claim limit applied while
/// reading, positions exact far into the line.
#[test]
fn a_long_line_without_punctuation_is_read_in_bounded_pieces() {
    let tmp = TempDir::new("nopunct");
    tmp.write("flat.txt", "Police arrested 12 suspects and ".repeat(100_000).as_bytes());
    let (stdout, stderr, status) =
        run(&tmp.0, &["extract", "--isolated", "--max-claims", "500", "--format", "json-lines", "flat.txt"]);
    assert_eq!(status, 0);
    assert_eq!(
        stderr,
        "claimdiff: warning: flat.txt: 100000 claims read; only 500 are used, those with a field first (raise the limit with --max-claims)\n"
    );
    assert_eq!(stdout.lines().count(), 500);
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(
        (last["line"].as_u64(), last["column"].as_u64(), last["start"].as_u64()),
        (Some(1), Some(15985), Some(15984))
    );
    assert!(last["sentence"].as_str().unwrap().len() <= 1000);
}
