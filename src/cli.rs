//! Command-line definitions (clap), resolved into a plain [`Config`].
//!
//! Nothing outside this file sees a clap type: `resolve` turns the parsed arguments into the
//! library's `Config`, deciding colour and rule discovery here, once.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use claimdiff::finding::Severity;
use claimdiff::report::{Format, Style};
use claimdiff::{Command, Config, Limits};

/// Find where news articles about the same event disagree.
///
/// claimdiff reads every article, extracts its claims (figures with their qualifiers, dates,
/// people by title, places), aligns them by field and prints a diff table of what each source
/// says. Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 the run failed.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: CliCommand,
}

#[derive(Debug, Subcommand)]
enum CliCommand {
    /// Compare articles about one event and show where they disagree.
    ///
    /// With --against, each SOURCE is a draft checked against the references: conflicts are
    /// reported on the draft's lines. `check DRAFT --against REF...` and
    /// `check --against REFS DRAFT...` both work: when --against comes before any draft, its
    /// first value is the references (a file or directory) and the rest are drafts.
    Check {
        /// Articles (or drafts, with --against): files (.txt, .md, .html, .claims.json),
        /// directories, or - for standard input.
        #[arg(value_name = "SOURCE")]
        inputs: Vec<String>,
        /// References to check the drafts against (files or directories).
        #[arg(long, value_name = "REF", num_args = 1..)]
        against: Vec<String>,
        /// Lowest severity that makes the exit status 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Override a severity: FIELD=LEVEL or CODE=LEVEL (e.g. arrests=warning,
        /// unsupported=error); repeatable.
        #[arg(long = "severity", value_name = "FIELD=LEVEL")]
        severity: Vec<String>,
        /// Report only findings that the baseline FILE does not record.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record this run's findings in FILE (refuses to replace it without --force).
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Allow --write-baseline to replace an existing file.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Show every claim read from the articles (for rule authors).
    Extract {
        /// Articles: files (.txt, .md, .html), directories, or - for standard input.
        #[arg(required = true, value_name = "SOURCE")]
        inputs: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Write a commented claimdiff.toml starter in the working directory.
    Init {
        /// Replace an existing claimdiff.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `claimdiff man > claimdiff.1`.
    Man,
    /// Show the rules in force and where each came from.
    Rules {
        #[command(subcommand)]
        action: Option<RulesAction>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, Subcommand)]
enum RulesAction {
    /// Run the rules' examples ([[field.example]]) and fail on any mismatch.
    Test {
        /// Rule files to test, on top of the rules in force.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args, Default)]
struct Common {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// Add a rulebook on top of the others (repeatable; later files win).
    #[arg(long = "rules", global = true, value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Start from an empty rulebook instead of the embedded default.
    #[arg(long, global = true)]
    no_default_rules: bool,
    /// Don't look for claimdiff.toml in the working directory and its parents.
    #[arg(long, global = true)]
    isolated: bool,
    /// Largest input file read, e.g. 300M or 2G (default 256M); a larger one is refused.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    max_input_size: Option<u64>,
    /// Most claims kept from one source (default 100000); more are dropped with a warning.
    #[arg(long, global = true, value_name = "N")]
    max_claims: Option<usize>,
    /// Article date for sources whose files give none (YYYY-MM-DD): relative dates ("last
    /// Tuesday") and dates without a year are read against it.
    #[arg(long, global = true, value_name = "DATE")]
    article_date: Option<String>,
    /// When to colour the table.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
enum OutputFormat {
    /// A diff table for people.
    #[default]
    Table,
    /// JSON, version 1 (see the README).
    Json,
    /// One JSON object per finding (or claim), one per line.
    JsonLines,
    /// A Markdown summary for a pull-request comment.
    Markdown,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding that is not an agreement.
    Info,
    /// Never fail because of findings.
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What the binary does with the arguments.
pub enum Resolved {
    /// Run a library command.
    Run(Config),
    /// Print text generated from these definitions (completions, manual page).
    Print(Vec<u8>),
}

impl Cli {
    /// Resolves the parsed arguments into the library's configuration.
    pub fn resolve(self) -> Resolved {
        let (command, common) = match self.command {
            CliCommand::Completions { shell } => {
                let mut out = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "claimdiff", &mut out);
                return Resolved::Print(out);
            }
            CliCommand::Man => {
                let mut out = Vec::new();
                // Rendering into a Vec cannot fail; an empty page is the fallback.
                let _ = clap_mangen::Man::new(Cli::command()).render(&mut out);
                return Resolved::Print(out);
            }
            CliCommand::Init { force } => (Command::Init { force }, Common::default()),
            CliCommand::Check {
                mut inputs,
                mut against,
                fail_on,
                severity,
                baseline,
                write_baseline,
                force,
                common,
            } => {
                let fail_on = match fail_on {
                    FailOn::Error => Some(Severity::Error),
                    FailOn::Warning => Some(Severity::Warning),
                    FailOn::Info => Some(Severity::Info),
                    FailOn::Never => None,
                };
                // `check --against refs/ d1.md d2.md`: clap gives every value to --against.
                if inputs.is_empty() && against.len() > 1 {
                    inputs = against.split_off(1);
                }
                let check = Command::Check {
                    inputs,
                    against,
                    fail_on,
                    severity_overrides: severity,
                    baseline,
                    write_baseline,
                    force,
                };
                (check, common)
            }
            CliCommand::Extract { inputs, common } => (Command::Extract { inputs }, common),
            CliCommand::Rules { action: None, common } => (Command::Rules, common),
            CliCommand::Rules { action: Some(RulesAction::Test { files }), common } => {
                (Command::RulesTest { files }, common)
            }
        };
        let format = match common.format {
            OutputFormat::Table => Format::Table,
            OutputFormat::Json => Format::Json,
            OutputFormat::JsonLines => Format::JsonLines,
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Github => Format::Github,
            OutputFormat::Sarif => Format::Sarif,
        };
        let color = format.is_human()
            && match common.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
        Resolved::Run(Config {
            command,
            format,
            style: Style { color },
            default_rules: !common.no_default_rules,
            discover_from: if common.isolated { None } else { std::env::current_dir().ok() },
            rule_files: common.rules,
            article_date: common.article_date,
            limits: Limits {
                max_input_bytes: common.max_input_size.unwrap_or(Limits::default().max_input_bytes),
                max_claims_per_source: common.max_claims.unwrap_or(Limits::default().max_claims_per_source),
            },
        })
    }
}

/// A size in bytes with an optional K, M or G suffix (powers of 1024): "300M", "2G", "4096".
fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let (digits, factor) = match trimmed.char_indices().last() {
        Some((i, 'k' | 'K')) => (trimmed.get(..i).unwrap_or(""), 1u64 << 10),
        Some((i, 'm' | 'M')) => (trimmed.get(..i).unwrap_or(""), 1 << 20),
        Some((i, 'g' | 'G')) => (trimmed.get(..i).unwrap_or(""), 1 << 30),
        _ => (trimmed, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("`{text}` is not a size; write bytes, or a number with K, M or G (e.g. 300M)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("300M"), Ok(300 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
