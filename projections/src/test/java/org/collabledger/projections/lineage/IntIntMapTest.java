package org.collabledger.projections.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The walk's primitive map keeps every first value and remembers keys, their values and places in
 * the order they were first put.
 */
class IntIntMapTest {

    @Test
    void anEmptyMapHoldsNothing() {
        IntIntMap map = new IntIntMap(0);

        assertThat(map.size()).isZero();
        assertThat(map.containsKey(0)).isFalse();
        assertThat(map.get(0, -7)).isEqualTo(-7);
    }

    @Test
    void aSecondPutOfTheSameKeyIsRefusedAndKeepsTheFirstValue() {
        IntIntMap map = new IntIntMap(4);

        assertThat(map.putIfAbsent(42, 1)).isTrue();
        assertThat(map.putIfAbsent(42, 2)).isFalse();

        assertThat(map.get(42, -1)).isEqualTo(1);
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.keyAt(0)).isEqualTo(42);
    }

    @Test
    void zeroAndTheLargestIntAreKeysLikeAnyOther() {
        IntIntMap map = new IntIntMap(2);

        map.putIfAbsent(0, 10);
        map.putIfAbsent(Integer.MAX_VALUE, 20);

        assertThat(map.get(0, -1)).isEqualTo(10);
        assertThat(map.get(Integer.MAX_VALUE, -1)).isEqualTo(20);
        assertThat(map.containsKey(1)).isFalse();
    }

    @Test
    void thousandsOfKeysSurviveGrowthWithTheirValuesAndInsertionOrder() {
        IntIntMap map = new IntIntMap(1);
        List<Integer> order = new ArrayList<>();
        // scattered keys in a non-monotonic order, many sharing their low bits
        for (int i = 0; i < 20_000; i++) {
            int key = (int) ((i * 7_919L) % 20_011) * 64;
            order.add(key);
            assertThat(map.putIfAbsent(key, i)).isTrue();
        }

        assertThat(map.size()).isEqualTo(20_000);
        for (int i = 0; i < order.size(); i++) {
            int key = order.get(i);
            assertThat(map.keyAt(i)).isEqualTo(key);
            assertThat(map.containsKey(key)).isTrue();
            assertThat(map.get(key, -1)).isEqualTo(i);
            assertThat(map.valueAt(i)).isEqualTo(i);
            assertThat(map.indexOf(key)).as("place after growth").isEqualTo(i);
            assertThat(map.putIfAbsent(key, -5)).isFalse();
        }
        assertThat(map.get(20_011 * 64, -1)).as("a key never put").isEqualTo(-1);
        assertThat(map.containsKey(1)).isFalse();
        assertThat(map.size()).isEqualTo(20_000);
    }

    @Test
    void keysThatAreMultiplesOfALargePowerOfTwoStayDistinct() {
        IntIntMap map = new IntIntMap(16);
        for (int i = 0; i < 2_000; i++) {
            map.putIfAbsent(i << 20, i);
        }

        for (int i = 0; i < 2_000; i++) {
            assertThat(map.get(i << 20, -1)).isEqualTo(i);
            assertThat(map.keyAt(i)).isEqualTo(i << 20);
        }
    }

    @Property
    void behavesLikeAnInsertionOrderedMapThatKeepsFirstValues(
            @ForAll @Size(max = 3_000) List<@IntRange(min = 0, max = 5_000) Integer> keys,
            @ForAll @IntRange(min = 0, max = 64) int expected) {
        IntIntMap map = new IntIntMap(expected);
        Map<Integer, Integer> model = new LinkedHashMap<>();

        for (int i = 0; i < keys.size(); i++) {
            assertThat(map.putIfAbsent(keys.get(i), i))
                    .isEqualTo(model.putIfAbsent(keys.get(i), i) == null);
        }

        assertThat(map.size()).isEqualTo(model.size());
        List<Integer> inOrder = new ArrayList<>();
        List<Integer> valuesInOrder = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            inOrder.add(map.keyAt(i));
            valuesInOrder.add(map.valueAt(i));
            assertThat(map.indexOf(map.keyAt(i))).isEqualTo(i);
        }
        assertThat(inOrder).containsExactlyElementsOf(model.keySet());
        assertThat(valuesInOrder).containsExactlyElementsOf(model.values());
        for (int key = 0; key <= 5_000; key += 7) {
            assertThat(map.containsKey(key)).isEqualTo(model.containsKey(key));
            assertThat(map.get(key, -1)).isEqualTo(model.getOrDefault(key, -1));
            assertThat(map.indexOf(key) >= 0).isEqualTo(model.containsKey(key));
        }
    }
}
