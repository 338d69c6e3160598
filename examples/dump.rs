//! Prints the blocks and sentences of each article in a corpus, for inspecting segmentation.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let config = standpoint::Config::default_config();
    let corpus = standpoint::corpus::load_dir(std::path::Path::new(&dir), &config).expect("corpus");
    for doc in &corpus.documents {
        println!("=== {} {:?}", doc.id, doc.meta);
        let seg = standpoint::text::segment(doc);
        for s in &seg.sentences {
            println!(
                "[{}|{}|{:?}] {}",
                s.index,
                s.block,
                s.role,
                &doc.text[s.span.range()]
            );
        }
    }
    for s in &corpus.skipped {
        println!("SKIPPED {} {}", s.file, s.reason);
    }
}
