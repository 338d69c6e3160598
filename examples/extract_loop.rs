//! Parses, segments and extracts every article of a corpus N times, as benches/extraction.rs
//! does, for profiling (perf, callgrind): `extract_loop DIR ROUNDS`.
/// The allocator the `standpoint` binary runs with.
#[global_allocator]
static ALLOCATOR: standpoint::allocator::Mimalloc = standpoint::allocator::Mimalloc;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let config = standpoint::Config::default_config();
    let corpus = standpoint::corpus::load_dir(std::path::Path::new(&dir), &config).expect("corpus");
    let matcher = standpoint::corpus::BoilerplateMatcher::new(&config);
    let extractor = standpoint::extract::Extractor::new(&config);
    let articles: Vec<(String, String)> = corpus
        .documents
        .into_iter()
        .map(|d| (d.file, d.text))
        .collect();
    let mut claims = 0;
    let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        for (file, text) in &articles {
            let doc = standpoint::corpus::parse_document(file, text.clone(), &matcher);
            let seg = standpoint::text::segment(&doc);
            claims += extractor.extract(&doc, &seg).claims.len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{claims} claims; {:.2} MB/s",
        (bytes * rounds) as f64 / secs / 1e6
    );
}
