/// The style sheet of every report, inlined in the page: system fonts only (nothing is
/// fetched), tables and figures that fit an A4 or Letter page, and print rules (`@media
/// print`): no background colours needed to read, figures and tables kept on one page,
/// headings kept with what follows, the warning banner boxed in black.
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #ffffff; color: #1a1a1a;
          font-family: DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.45; }
        main { max-width: 800px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 3px; border-bottom: 1px solid #bdbdbd; }
        h3 { font-size: 14px; margin: 0 0 6px; }
        p.lead { margin: 0 0 12px; color: #5c5c5c; }
        p.note { color: #5c5c5c; font-size: 12.5px; }
        .banner { margin: 12px 0; padding: 10px 14px; border: 2px solid #1b5e20; background: #f1f8f1; font-weight: bold; }
        .banner.failed { border: 3px solid #b00020; background: #fdecee; color: #b00020; font-size: 16px; }
        table { border-collapse: collapse; margin: 6px 0 14px; font-size: 12.5px; }
        caption { text-align: left; font-weight: bold; padding: 2px 0 4px; white-space: nowrap; }
        th, td { border-bottom: 1px solid #e2e2e2; padding: 3px 8px; text-align: left; vertical-align: top; }
        thead th { border-bottom: 1.5px solid #5c5c5c; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.fields th { width: 11em; font-weight: normal; color: #5c5c5c; }
        table.fields td { word-break: break-word; }
        tr.failed td, tr.failed th { color: #b00020; font-weight: bold; }
        code, .mono { font-family: DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace; font-size: 12px; }
        figure { margin: 18px 0 22px; }
        figure .drawing { overflow-x: auto; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 12px; color: #5c5c5c; margin-top: 4px; }
        nav ul { margin: 4px 0; padding-left: 18px; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          figure, table.fields, .banner { break-inside: avoid; page-break-inside: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          nav { display: none; }
          .banner.failed { border: 3px solid #000000; color: #000000; background: none; }
          .banner { background: none; }
        }
        """
}
