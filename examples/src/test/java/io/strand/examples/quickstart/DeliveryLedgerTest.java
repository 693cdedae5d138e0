package io.strand.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void everyRecordReceivedOnceIsNeitherLostNorDuplicated() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        for (int seq = 0; seq < 5000; seq++) {
            ledger.acknowledged(seq % 2, seq / 2, seq);
        }
        for (int seq = 4999; seq >= 0; seq--) {
            ledger.received(seq % 2, seq / 2, seq);
        }
        assertEquals(5000, ledger.acknowledged());
        assertEquals(5000, ledger.received());
        assertEquals(0, ledger.duplicates());
        assertEquals(new DeliveryLedger.Audit(0, 0, 0), ledger.audit());
    }

    @Test
    void aRecordNeverReceivedIsLostAndOneReceivedTwiceIsADuplicateNotASecondReceipt() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        ledger.acknowledged(0, 0, 10);
        ledger.acknowledged(0, 1, 11);
        ledger.acknowledged(0, 2, 12);
        ledger.received(0, 0, 10);
        ledger.received(0, 0, 10);
        ledger.received(0, 2, 12);
        assertEquals(2, ledger.received());
        assertEquals(1, ledger.duplicates());
        assertEquals(new DeliveryLedger.Audit(1, 0, 0), ledger.audit());
    }

    @Test
    void anotherRecordAtAnAcknowledgedOffsetIsAMismatch() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        ledger.acknowledged(0, 0, 1);
        ledger.received(0, 0, 2);
        assertEquals(new DeliveryLedger.Audit(0, 1, 0), ledger.audit());
    }

    @Test
    void twoAcknowledgementsOfOneOffsetAreAMismatchCountedOnce() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        ledger.acknowledged(0, 0, 1);
        ledger.acknowledged(0, 0, 2);
        ledger.received(0, 0, 1);
        assertEquals(1, ledger.acknowledged());
        assertEquals(new DeliveryLedger.Audit(0, 1, 0), ledger.audit());
    }

    @Test
    void aRecordReadWithoutAcknowledgementIsCountedApart() {
        DeliveryLedger ledger = new DeliveryLedger(3);
        ledger.sendFailed();
        ledger.received(2, 4000, 7);
        assertEquals(1, ledger.failed());
        assertEquals(new DeliveryLedger.Audit(0, 0, 1), ledger.audit());
    }

    @Test
    void aPartitionOutsideTheTopicIsRefused() {
        DeliveryLedger ledger = new DeliveryLedger(3);
        assertThrows(IllegalArgumentException.class, () -> ledger.received(3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ledger.acknowledged(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ledger.acknowledged(0, -1, 0));
    }
}
