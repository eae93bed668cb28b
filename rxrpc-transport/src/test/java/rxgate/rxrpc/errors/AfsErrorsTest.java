package rxgate.rxrpc.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rxgate.rxrpc.errors.AfsErrors.ErrorCategory;

class AfsErrorsTest {

    @ParameterizedTest(name = "table {0} starts at {1}")
    @CsvSource({"VL, 363520", "PT, 267264", "RXK, 19270400", "U, 5376", "uae, 49733376", "VOLS, 1492325120"})
    void tableBaseFromName(String table, int base) {
        assertThat(AfsErrors.tableBase(table)).isEqualTo(base);
    }

    @Test
    void tableBaseRejectsBadNames() {
        assertThatThrownBy(() -> AfsErrors.tableBase("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AfsErrors.tableBase("ABCDE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AfsErrors.tableBase("V-L")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableNameIsTheInverseOfTableBase() {
        assertThat(AfsErrors.tableName(363524)).contains("VL");
        assertThat(AfsErrors.tableName(AfsErrors.PRPERM)).contains("PT");
        assertThat(AfsErrors.tableName(AfsErrors.RXKADNOAUTH)).contains("RXK");
        assertThat(AfsErrors.tableName(AfsErrors.UNOQUORUM)).contains("U");
        assertThat(AfsErrors.tableName(AfsErrors.UAEEXIST)).contains("uae");
        assertThat(AfsErrors.tableName(13)).isEmpty();
        assertThat(AfsErrors.tableName(-1)).isEmpty();
        assertThat(AfsErrors.tableName(AfsErrors.tableBase("Z9_a") + 3)).contains("Z9_a");
    }

    /** Values cross-checked in afs-rpcs.md §1.5 against src/audit/audit.h and the Linux headers. */
    @Test
    void wellKnownValues() {
        assertThat(AfsErrors.PRPERM).isEqualTo(267269);
        assertThat(AfsErrors.VL_PERM).isEqualTo(363546);
        assertThat(AfsErrors.RXKADNOAUTH).isEqualTo(19270405);
        assertThat(AfsErrors.UNOQUORUM).isEqualTo(5376);
        assertThat(AfsErrors.name(267269)).isEqualTo("PRPERM");
        assertThat(AfsErrors.name(363546)).isEqualTo("VL_PERM");
        assertThat(AfsErrors.name(19270405)).isEqualTo("RXKADNOAUTH");
        assertThat(AfsErrors.name(5376)).isEqualTo("UNOQUORUM");
    }

    @ParameterizedTest(name = "{1} = {0}")
    @CsvSource({
        // VL (afs-rpcs.md §2.5)
        "363520, VL_IDEXIST", "363524, VL_NOENT", "363527, VL_BADNAME", "363529, VL_BADVOLTYPE",
        "363535, VL_RWNOTFOUND", "363536, VL_BADREFCOUNT", "363545, VL_BADSERVERFLAG", "363549, VL_INDEXERANGE",
        "363551, VL_BADMASK", "363552, VL_DBBAD",
        // PT (§3.3)
        "267264, PREXIST", "267268, PRNOENT", "267273, PRBADARG", "267274, PRNOMORE", "267282, PRNAMETOOLONG",
        // ubik (§1.4)
        "5377, UNOTSYNC", "5389, UNOSERVERS", "5402, UDEADLOCK", "5413, UMUTEXDESTROY",
        // rxkad (rxkad.md §9)
        "19270400, RXKADINCONSISTENCY", "19270408, RXKADUNKNOWNKEY", "19270409, RXKADEXPIRED",
        "19270412, RXKADILLEGALLEVEL",
        // fileserver (§5.4)
        "101, VSALVAGE", "102, VNOVNODE", "103, VNOVOL", "106, VOFFLINE", "110, VBUSY", "111, VMOVED",
        "113, VSALVAGING", "120, VRESTRICTED", "1234, VICECONNBAD", "1235, VICETOKENDEAD",
        // uae (§5.4 table)
        "49733376, UAEPERM", "49733377, UAENOENT", "49733380, UAEIO", "49733386, UAEAGAIN", "49733388, UAEACCES",
        "49733391, UAEBUSY", "49733392, UAEEXIST", "49733393, UAEXDEV", "49733395, UAENOTDIR", "49733396, UAEISDIR",
        "49733397, UAEINVAL", "49733402, UAEFBIG", "49733403, UAENOSPC", "49733405, UAEROFS", "49733406, UAEMLINK",
        "49733411, UAENAMETOOLONG", "49733412, UAENOLCK", "49733414, UAENOTEMPTY", "49733415, UAELOOP",
        "49733416, UAEWOULDBLOCK", "49733481, UAENOTCONN", "49733484, UAETIMEDOUT", "49733490, UAESTALE",
        "49733496, UAEDQUOT",
        // errno (Linux numbering)
        "2, ENOENT", "13, EACCES", "17, EEXIST", "20, ENOTDIR", "21, EISDIR", "22, EINVAL", "28, ENOSPC",
        "30, EROFS", "39, ENOTEMPTY",
        // Rx / rxgen
        "-1, RX_CALL_DEAD", "-3, RX_CALL_TIMEOUT", "-100, RX_RESTARTING", "-455, RXGEN_OPCODE", "-10, RX_CALL_BUSY_LOCAL",
        // volser
        "1492325120, VOLSERTRELE_ERROR", "1492325135, VOLSERNOVOL", "1492325137, VOLSERFAILEDOP",
    })
    void namesMatchTheDocs(int code, String name) {
        assertThat(AfsErrors.name(code)).isEqualTo(name);
        assertThat(AfsErrors.describe(code)).isNotBlank();
        assertThat(AfsErrors.isKnown(code)).isTrue();
    }

    @Test
    void tablesHaveTheDocumentedLengths() {
        assertThat(countBetween(AfsErrors.VL_BASE, AfsErrors.VL_BASE + 255)).isEqualTo(33);
        assertThat(countBetween(AfsErrors.PT_BASE, AfsErrors.PT_BASE + 255)).isEqualTo(19);
        assertThat(countBetween(AfsErrors.UBIK_BASE, AfsErrors.UBIK_BASE + 255)).isEqualTo(38);
        assertThat(countBetween(AfsErrors.RXKAD_BASE, AfsErrors.RXKAD_BASE + 255)).isEqualTo(13);
        assertThat(countBetween(AfsErrors.VOLSER_BASE, AfsErrors.VOLSER_BASE + 255)).isEqualTo(18);
    }

    private static long countBetween(int from, int to) {
        return AfsErrors.names().keySet().stream().filter(c -> c >= from && c <= to).count();
    }

    @Test
    void namesAreUnique() {
        Map<Integer, String> all = AfsErrors.names();
        Set<String> seen = new HashSet<>();
        for (String n : all.values()) {
            assertThat(seen.add(n)).as("duplicate name %s", n).isTrue();
        }
        // errno only where no AFS code uses the number: 107 is VONLINE, 110 VBUSY (not ENOTCONN/ETIMEDOUT)
        assertThat(AfsErrors.name(107)).isEqualTo("VONLINE");
        assertThat(AfsErrors.name(110)).isEqualTo("VBUSY");
    }

    @Test
    void codeLooksUpByName() {
        assertThat(AfsErrors.code("VL_NOENT")).hasValue(363524);
        assertThat(AfsErrors.code("UAEEXIST")).hasValue(49733392);
        assertThat(AfsErrors.code("NOPE")).isEmpty();
    }

    @Test
    void unknownCodesAreNamedByNumber() {
        assertThat(AfsErrors.name(424242)).isEqualTo("424242");
        assertThat(AfsErrors.describe(424242)).isNull();
        assertThat(AfsErrors.category(424242)).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(AfsErrors.format(363524)).isEqualTo("VL_NOENT (363524)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "VL_NOENT, NOT_FOUND", "PRNOENT, NOT_FOUND", "ENOENT, NOT_FOUND", "VNOVOL, NOT_FOUND", "VNOVNODE, NOT_FOUND",
        "UAENOENT, NOT_FOUND", "VL_ENTDELETED, NOT_FOUND",
        "VL_PERM, PERMISSION", "PRPERM, PERMISSION", "EACCES, PERMISSION", "UAEACCES, PERMISSION",
        "RXKADNOAUTH, PERMISSION", "RXKADEXPIRED, PERMISSION", "RXKADBADTICKET, PERMISSION",
        "RXKADUNKNOWNKEY, PERMISSION", "RXKADSEALEDINCON, PERMISSION",
        "VL_NAMEEXIST, EXISTS", "VL_IDEXIST, EXISTS", "PREXIST, EXISTS", "EEXIST, EXISTS", "UAEEXIST, EXISTS",
        "ENOTEMPTY, EXISTS",
        "VBUSY, BUSY", "VL_ENTRYLOCKED, BUSY", "UAEAGAIN, BUSY", "RX_CALL_BUSY_LOCAL, BUSY",
        "RX_CALL_TIMEOUT, TIMEOUT", "UAETIMEDOUT, TIMEOUT",
        "RX_CALL_DEAD, UNAVAILABLE", "UNOQUORUM, UNAVAILABLE", "UNOTSYNC, UNAVAILABLE", "RX_RESTARTING, UNAVAILABLE",
        "VOFFLINE, UNAVAILABLE", "VMOVED, UNAVAILABLE", "VSALVAGE, UNAVAILABLE",
        "VL_BADNAME, BAD_REQUEST", "VL_BADVOLTYPE, BAD_REQUEST", "PRBADNAM, BAD_REQUEST", "EINVAL, BAD_REQUEST",
        "RXGEN_SS_UNMARSHAL, BAD_REQUEST",
        "VOVERQUOTA, NO_SPACE", "VDISKFULL, NO_SPACE", "ENOSPC, NO_SPACE", "UAEDQUOT, NO_SPACE",
        "RX_PROTOCOL_ERROR, INTERNAL", "RXGEN_CC_UNMARSHAL, INTERNAL", "RXGEN_OPCODE, INTERNAL", "VL_IO, INTERNAL",
        "PRDBFAIL, INTERNAL",
    })
    void categories(String name, ErrorCategory category) {
        int code = AfsErrors.code(name).orElseThrow();
        assertThat(AfsErrors.category(code)).isEqualTo(category);
    }

    @Test
    void publicConstantsAgreeWithTheTable() throws Exception {
        for (var f : AfsErrors.class.getFields()) {
            if (f.getType() != int.class || f.getName().endsWith("_BASE")) {
                continue;
            }
            int code = f.getInt(null);
            String expected = switch (f.getName()) {
                case "VRESTARTING" -> "RX_RESTARTING";
                default -> f.getName();
            };
            assertThat(AfsErrors.name(code)).as(f.getName()).isEqualTo(expected);
        }
    }

    @Test
    void everyKnownCodeHasACategory() {
        for (int code : AfsErrors.names().keySet()) {
            assertThat(AfsErrors.category(code)).as(AfsErrors.name(code)).isNotEqualTo(ErrorCategory.UNKNOWN);
        }
    }
}
