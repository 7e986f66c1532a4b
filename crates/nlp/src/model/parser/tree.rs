//! What spaCy does to a finished parse before it is read: unattached tokens
//! become roots labelled `ROOT`, the tree's left/right edges and sentence
//! starts are set (`set_children_from_heads`, including its bounded repair
//! loop for non-projective trees), and decorated labels such as
//! `dobj||prep` are undone (`nonproj.deprojectivize`): the token moves to
//! the nearest descendant of its head (breadth first, skipping whitespace
//! tokens and itself) labelled `prep`, keeping the label `dobj`.

/// Working arrays of the finalization; reused across documents.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    /// Absolute head of each token (a root points to itself).
    pub(crate) heads: Vec<u32>,
    /// Raw label of each token (index into the parser's raw label table).
    pub(crate) labels: Vec<u16>,
    pub(crate) l_edge: Vec<u32>,
    pub(crate) r_edge: Vec<u32>,
    pub(crate) sent_start: Vec<bool>,
    queue: Vec<u32>,
    next: Vec<u32>,
    roots: Vec<bool>,
}

/// The decoration of a raw label: `Some((new_label, head_label))` (both raw
/// label indices; `head_label` `None` when no token can carry it).
pub(crate) type Decoration = Option<(u16, Option<u16>)>;

impl Tree {
    /// One pass of spaCy's `_set_lr_kids_and_edges`; true when every head
    /// lies within its sentence as those edges define it.
    fn edges_pass(&mut self) -> bool {
        let n = self.heads.len();
        for i in 0..n {
            let h = self.heads[i] as usize;
            if self.l_edge[i] < self.l_edge[h] {
                self.l_edge[h] = self.l_edge[i];
            }
            if self.r_edge[i] > self.r_edge[h] {
                self.r_edge[h] = self.r_edge[i];
            }
        }
        for i in (0..n).rev() {
            let h = self.heads[i] as usize;
            if self.r_edge[i] > self.r_edge[h] {
                self.r_edge[h] = self.r_edge[i];
            }
            if self.l_edge[i] < self.l_edge[h] {
                self.l_edge[h] = self.l_edge[i];
            }
        }
        self.roots.clear();
        self.roots.resize(n, false);
        for i in 0..n {
            if self.heads[i] as usize == i {
                self.roots[self.l_edge[i] as usize] = true;
            }
        }
        let mut start = 0usize;
        for i in 0..n {
            if (i > 0 && self.roots[i]) || i + 1 == n {
                let end = i;
                for j in start..end {
                    let h = self.heads[j] as usize;
                    if h < start || h > end {
                        return false;
                    }
                }
                start = i;
            }
        }
        true
    }

    /// spaCy's `set_children_from_heads`: edges, then sentence starts at the
    /// left edge of every root.
    pub(crate) fn set_children_from_heads(&mut self) {
        let n = self.heads.len();
        self.l_edge.clear();
        self.l_edge.extend(0..n as u32);
        self.r_edge.clear();
        self.r_edge.extend(0..n as u32);
        let mut loops = 0;
        while !self.edges_pass() {
            if loops > 10 {
                break;
            }
            loops += 1;
        }
        self.sent_start.clear();
        self.sent_start.resize(n, false);
        for i in 0..n {
            if self.heads[i] as usize == i {
                self.sent_start[self.l_edge[i] as usize] = true;
            }
        }
    }

    /// `Token.children` of `q` as spaCy reads them: left children found
    /// between `l_edge[q]` and `q`, then right children between `q` and
    /// `r_edge[q]`, by the current heads.
    fn children_into(&self, q: u32, out: &mut Vec<u32>) {
        let (lo, hi) = (self.l_edge[q as usize], self.r_edge[q as usize]);
        for c in lo..q {
            if self.heads[c as usize] == q {
                out.push(c);
            }
        }
        for c in q + 1..=hi {
            if self.heads[c as usize] == q {
                out.push(c);
            }
        }
    }

    fn find_new_head(&mut self, token: u32, head_label: Option<u16>, is_space: &[bool]) -> u32 {
        let head = self.heads[token as usize];
        let Some(head_label) = head_label else {
            return head;
        };
        let mut queue = std::mem::take(&mut self.queue);
        let mut next = std::mem::take(&mut self.next);
        let mut kids = Vec::new();
        queue.clear();
        queue.push(head);
        // The heads form a forest, so the search ends; the budget only guards
        // against looping on malformed input.
        let mut budget = self.heads.len() + 1;
        let mut found = None;
        'bfs: while !queue.is_empty() && budget > 0 {
            budget -= 1;
            next.clear();
            for &q in &queue {
                kids.clear();
                self.children_into(q, &mut kids);
                for &c in &kids {
                    if is_space.get(c as usize).copied().unwrap_or(false) || c == token {
                        continue;
                    }
                    if self.labels[c as usize] == head_label {
                        found = Some(c);
                        break 'bfs;
                    }
                    next.push(c);
                }
            }
            std::mem::swap(&mut queue, &mut next);
        }
        self.queue = queue;
        self.next = next;
        found.unwrap_or(head)
    }

    /// spaCy's `deprojectivize`, then `set_children_from_heads` again.
    /// `decoration[label]` tells how to undo a decorated raw label.
    pub(crate) fn deprojectivize(&mut self, decoration: &[Decoration], is_space: &[bool]) {
        let n = self.heads.len();
        for i in 0..n {
            let Some(&Some((new_label, head_label))) = decoration.get(self.labels[i] as usize)
            else {
                continue;
            };
            let new_head = self.find_new_head(i as u32, head_label, is_space);
            self.heads[i] = new_head;
            self.labels[i] = new_label;
        }
        self.set_children_from_heads();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Raw labels: 0 ROOT, 1 prep, 2 pobj, 3 pobj||prep.
    const DECO: [Decoration; 4] = [None, None, None, Some((2, Some(1)))];

    fn tree(heads: &[u32], labels: &[u16]) -> Tree {
        let mut t = Tree {
            heads: heads.to_vec(),
            labels: labels.to_vec(),
            ..Tree::default()
        };
        t.set_children_from_heads();
        t
    }

    #[test]
    fn decorated_label_moves_to_nearest_matching_non_space_descendant() {
        let mut t = tree(&[0, 0, 0, 0], &[0, 1, 1, 3]);
        t.deprojectivize(&DECO, &[false, true, false, false]);
        assert_eq!(t.heads, vec![0, 0, 0, 2]);
        assert_eq!(t.labels, vec![0, 1, 1, 2]);
        assert_eq!(t.sent_start, vec![true, false, false, false]);
    }

    #[test]
    fn decorated_label_without_match_keeps_head_and_drops_decoration() {
        let mut t = tree(&[0, 0, 0], &[0, 2, 3]);
        t.deprojectivize(&DECO, &[false; 3]);
        assert_eq!(t.heads, vec![0, 0, 0]);
        assert_eq!(t.labels, vec![0, 2, 2]);
    }

    #[test]
    fn every_root_starts_a_sentence_at_its_left_edge() {
        let t = tree(&[1, 1, 3, 3, 3], &[1, 0, 1, 0, 1]);
        assert_eq!(t.sent_start, vec![true, false, true, false, false]);
        assert_eq!(t.l_edge, vec![0, 0, 2, 2, 4]);
        assert_eq!(t.r_edge, vec![0, 1, 2, 4, 4]);
    }
}
