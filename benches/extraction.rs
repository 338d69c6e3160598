//! Extraction throughput, one thread: parse + segment + extract, in MB/s and in words/s, on the
//! seeds and on a synthetic corpus of realistic articles (`standpoint generate`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use standpoint::corpus::{self, BoilerplateMatcher};
use standpoint::extract::Extractor;
use standpoint::synth::Generator;
use standpoint::{Config, text};

/// The allocator the `standpoint` binary runs with, so the figure is the binary's.
#[global_allocator]
static ALLOCATOR: standpoint::allocator::Mimalloc = standpoint::allocator::Mimalloc;

/// Articles as (file name, text).
type Articles = Vec<(String, String)>;

fn seeds(config: &Config) -> Articles {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    corpus::load_dir(&dir, config)
        .expect("seeds load")
        .documents
        .into_iter()
        .map(|d| (d.file, d.text))
        .collect()
}

fn synthetic(config: &Config, n: usize) -> Articles {
    let generator = Generator::new(config, 1);
    (0..n)
        .map(|i| {
            let a = generator.article(i);
            (a.file, a.text)
        })
        .collect()
}

fn extraction(c: &mut Criterion) {
    let config = Config::default_config();
    let matcher = BoilerplateMatcher::new(&config);
    let extractor = Extractor::new(&config);
    for (name, articles) in [
        ("seeds", seeds(&config)),
        ("synthetic-200", synthetic(&config, 200)),
    ] {
        let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
        let words: usize = articles
            .iter()
            .map(|(_, t)| t.split_whitespace().count())
            .sum();
        let run = || {
            let mut n = 0;
            for (file, body) in &articles {
                let doc = corpus::parse_document(file, body.clone(), &matcher);
                let seg = text::segment(&doc);
                n += extractor.extract(&doc, &seg).claims.len();
            }
            black_box(n)
        };
        let mut group = c.benchmark_group(format!("{name}/bytes"));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("parse+segment+extract", |b| b.iter(run));
        group.finish();
        let mut group = c.benchmark_group(format!("{name}/words"));
        group.throughput(Throughput::Elements(words as u64));
        group.bench_function("parse+segment+extract", |b| b.iter(run));
        group.finish();
    }
}

criterion_group!(benches, extraction);
criterion_main!(benches);
