//! dyad's serving: HTTP JSON API and the web page. (Being built.)
