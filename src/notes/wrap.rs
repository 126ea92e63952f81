//! Speaker notes are read on a laptop at whatever width its terminal has: lines break at
//! spaces, never inside a word (a word longer than the line stands alone on its line).

/// `text` with every line wrapped at word boundaries to at most `width` columns.
#[must_use]
pub fn wrap(text: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(20))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(false);
    let lines: Vec<String> = text.split('\n').map(|line| textwrap::fill(line.trim_matches(' '), &options)).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn no_word_is_broken_at_any_width() {
        let text = "Say: the projector shows the query q2 = [3, 3] against every key; ask the room which key wins.";
        let words: Vec<&str> = text.split(' ').collect();
        for width in [20, 33, 47, 60, 100] {
            let wrapped = wrap(text, width);
            let rewrapped: Vec<&str> = wrapped.split(['\n', ' ']).filter(|w| !w.is_empty()).collect();
            assert_eq!(rewrapped, words, "width {width}: every word whole, in order");
            assert!(wrapped.lines().all(|l| l.chars().count() <= width), "width {width}:\n{wrapped}");
        }
    }

    #[test]
    fn paragraphs_stay_apart() {
        assert_eq!(wrap("one two\n\nthree", 40), "one two\n\nthree");
    }
}
