//! The documentation as a newcomer meets it: a README short enough to read in two minutes, and
//! every relative link and `#anchor` in the README and `docs/` leading somewhere that exists.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README, BENCHMARKS.md and every Markdown file in `docs/`.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md"), root().join("BENCHMARKS.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("a docs folder")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as dashes.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown text's headings (a repeated heading gets `-1`, `-2`, ...).
fn anchors(markdown: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let mut anchor = base.clone();
                let mut n = 0;
                while found.contains(&anchor) {
                    n += 1;
                    anchor = format!("{base}-{n}");
                }
                found.insert(anchor);
            }
            _ => {}
        }
    }
    found
}

/// The link and image targets of a Markdown text.
fn links(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Why a link from `doc` does not resolve, if it does not.
fn broken(doc: &Path, link: &str) -> Option<String> {
    if link.contains("://") || link.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (link, None),
    };
    let target = if path.is_empty() {
        doc.to_path_buf()
    } else {
        doc.parent().unwrap().join(path)
    };
    if !target.exists() {
        return Some(format!("{} does not exist", target.display()));
    }
    let anchor = anchor?;
    if target.extension().is_none_or(|x| x != "md") {
        return Some(format!("#{anchor} points into a file that is not Markdown"));
    }
    let text = std::fs::read_to_string(&target).expect("read the linked document");
    (!anchors(&text).contains(anchor))
        .then(|| format!("{} has no heading #{anchor}", target.display()))
}

#[test]
fn every_link_in_the_readme_and_docs_resolves() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("read a document");
        for link in links(&text) {
            checked += 1;
            if let Some(why) = broken(&doc, &link) {
                problems.push(format!("{}: ({link}) {why}", doc.display()));
            }
        }
    }
    assert!(checked > 20, "the documents link to each other: {checked}");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_finds_a_missing_file_and_a_missing_anchor() {
    let readme = root().join("README.md");
    assert_eq!(broken(&readme, "docs/api.md"), None);
    assert_eq!(broken(&readme, "#set-up"), None);
    assert!(broken(&readme, "docs/no-such-file.md").is_some());
    assert!(broken(&readme, "docs/api.md#no-such-heading").is_some());
    assert!(broken(&readme, "#no-such-heading").is_some());
    assert_eq!(broken(&readme, "https://example.org/#x"), None);
    assert_eq!(
        slug("Dates, shifts, coverage and downloads"),
        "dates-shifts-coverage-and-downloads"
    );
}

#[test]
fn the_readme_reads_in_two_minutes_and_links_the_references() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines < 200,
        "README.md has {lines} lines: move reference to docs/"
    );
    let headings = anchors(&readme);
    for heading in [
        "set-up",
        "add-your-own-articles",
        "running-the-container",
        "how-well-it-reads",
    ] {
        assert!(headings.contains(heading), "README has #{heading}");
    }
    // The two set-up commands, as they always were.
    assert!(readme.contains("```sh\ncargo run --release\n```"));
    assert!(readme.contains("```sh\ncargo test --release\n```"));
    for reference in [
        "docs/configuration.md",
        "docs/api.md",
        "docs/cli.md",
        "docs/hardening.md",
        "docs/container.md",
        "BENCHMARKS.md",
    ] {
        assert!(
            links(&readme).iter().any(|l| l == reference),
            "README links {reference}"
        );
    }
}
