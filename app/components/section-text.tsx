import { boundBlocks, parseStarterText, type Block, type Inline } from "#common/blocks.ts";

function Runs({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((run, index) => {
        let node: React.ReactNode = run.text;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        if (run.strike) node = <s>{node}</s>;
        if (run.href && /^(https?:|mailto:)/i.test(run.href)) {
          node = (
            <a href={run.href} rel="noopener noreferrer nofollow">
              {node}
            </a>
          );
        }
        return <span key={index}>{node}</span>;
      })}
    </>
  );
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((block, index) => {
        switch (block.kind) {
          case "heading": {
            const Heading = `h${Math.min(6, Math.max(2, block.level + 1))}` as "h3";
            return (
              <Heading key={index}>
                <Runs content={block.content} />
              </Heading>
            );
          }
          case "paragraph":
            return (
              <p key={index}>
                <Runs content={block.content} />
              </p>
            );
          case "quote":
            return (
              <blockquote key={index}>
                <Blocks blocks={block.children} />
              </blockquote>
            );
          case "list": {
            const List = block.ordered ? "ol" : "ul";
            return (
              <List key={index}>
                {block.items.map((item, i) => (
                  <li key={i}>
                    <Blocks blocks={item} />
                  </li>
                ))}
              </List>
            );
          }
          case "table":
            return (
              <table key={index} className="table">
                <tbody>
                  {block.rows.map((row, r) => (
                    <tr key={r}>
                      {row.cells.map((cell, c) =>
                        row.header ? (
                          <th key={c} scope="col">
                            <Blocks blocks={cell} />
                          </th>
                        ) : (
                          <td key={c}>
                            <Blocks blocks={cell} />
                          </td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </>
  );
}

/**
 * Renders a section's text as inert elements (no HTML from the database is ever injected).
 * Headings sit one level below the page's own h2, so the outline stays intact. Blocks nested
 * deeper than MAX_BLOCK_DEPTH render flat, so no document shape can overflow the renderer.
 * `html` is this component's own earlier rendering of blocks (sectionHtml, cached per document
 * state); `bare` leaves out the wrapper, for rendering in slices.
 */
export function SectionText({
  blocks,
  source,
  html,
  bare,
}: {
  blocks?: Block[];
  source?: string;
  html?: string;
  bare?: boolean;
}) {
  if (html !== undefined)
    return <div className="section-text" dangerouslySetInnerHTML={{ __html: html }} />;
  const content = <Blocks blocks={blocks ? boundBlocks(blocks) : parseStarterText(source ?? "")} />;
  return bare ? content : <div className="section-text">{content}</div>;
}
