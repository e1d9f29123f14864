package fit

// crcTables holds the slicing-by-8 tables of the FIT CRC-16 (CRC-16/ARC:
// reflected polynomial 0xA001, initial value 0). crcTables[0] is the plain
// byte-at-a-time table; crcTables[k][b] is the effect of byte b followed by
// k zero bytes.
var crcTables = func() (t [8][256]uint16) {
	for i := range 256 {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for k := 1; k < 8; k++ {
		for i := range 256 {
			c := t[k-1][i]
			t[k][i] = c>>8 ^ t[0][c&0xFF]
		}
	}
	return t
}()

// crc16 continues the FIT CRC crc over p.
func crc16(crc uint16, p []byte) uint16 {
	t := &crcTables
	for len(p) >= 8 {
		crc = t[7][byte(crc)^p[0]] ^ t[6][byte(crc>>8)^p[1]] ^
			t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]
		p = p[8:]
	}
	for _, b := range p {
		crc = crc>>8 ^ t[0][byte(crc)^b]
	}
	return crc
}
