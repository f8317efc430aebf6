//! Writes the distribution pictures of the distributed-arrays chapter
//! ([`distarray::plot::chapter_pictures`]) into a folder, creating it if needed.
//!
//! ```console
//! cargo run -p distarray --bin distarray-plots -- FOLDER
//! ```

use std::path::Path;
use std::process::ExitCode;

use distarray::plot::chapter_pictures;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(folder), None) = (args.next(), args.next()) else {
        eprintln!("usage: distarray-plots FOLDER   (writes the chapter's SVG pictures into FOLDER)");
        return ExitCode::from(2);
    };
    let folder = Path::new(&folder);
    if let Err(error) = std::fs::create_dir_all(folder) {
        eprintln!("distarray-plots: cannot create {}: {error}", folder.display());
        return ExitCode::FAILURE;
    }
    for (name, svg) in chapter_pictures() {
        let path = folder.join(name);
        if let Err(error) = std::fs::write(&path, svg) {
            eprintln!("distarray-plots: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
