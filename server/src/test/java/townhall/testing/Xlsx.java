package townhall.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the first sheet of an .xlsx file as text, for tests: each cell's text (shared, inline or the value shown). */
public final class Xlsx {
  private Xlsx() {
  }

  /**
   * Rows of the first sheet from its first to its last row with a cell, each a map from column letters ("A", "B",
   * ...) to the cell's text (empty for a row without cells).
   */
  public static List<Map<String, String>> firstSheet(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<String> shared = new ArrayList<>();
      var sharedEntry = zip.getEntry("xl/sharedStrings.xml");
      if (sharedEntry != null) {
        NodeList items = parse(zip.getInputStream(sharedEntry)).getElementsByTagName("si");
        for (int i = 0; i < items.getLength(); i++) {
          shared.add(items.item(i).getTextContent());
        }
      }
      Document sheet = parse(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")));
      Map<Integer, Map<String, String>> rows = new TreeMap<>();
      NodeList cells = sheet.getElementsByTagName("c");
      for (int i = 0; i < cells.getLength(); i++) {
        Element cell = (Element) cells.item(i);
        String ref = cell.getAttribute("r");
        String column = ref.replaceAll("[0-9]", "");
        int row = Integer.parseInt(ref.replaceAll("[A-Z]", ""));
        rows.computeIfAbsent(row, r -> new HashMap<>()).put(column, text(cell, shared));
      }
      // a row without cells (an empty line of the CSV) is an empty map, so that row i is the CSV's line i
      List<Map<String, String>> all = new ArrayList<>();
      int last = rows.isEmpty() ? 0 : ((TreeMap<Integer, Map<String, String>>) rows).lastKey();
      for (int r = 1; r <= last; r++) {
        all.add(rows.getOrDefault(r, Map.of()));
      }
      return all;
    } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  /** Whether any cell of the first sheet holds a formula. */
  public static boolean hasFormula(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return parse(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))).getElementsByTagName("f")
          .getLength() > 0;
    } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  private static String text(Element cell, List<String> shared) {
    String type = cell.getAttribute("t");
    if (type.equals("inlineStr")) {
      return cell.getTextContent();
    }
    NodeList values = cell.getElementsByTagName("v");
    String value = values.getLength() == 0 ? "" : values.item(0).getTextContent();
    return type.equals("s") ? shared.get(Integer.parseInt(value)) : value;
  }

  private static Document parse(InputStream in)
      throws IOException, javax.xml.parsers.ParserConfigurationException, org.xml.sax.SAXException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (in) {
      return factory.newDocumentBuilder().parse(in);
    }
  }
}
